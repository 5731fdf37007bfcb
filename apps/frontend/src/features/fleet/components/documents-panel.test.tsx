import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApi, renderWithProviders } from '@/testing/render';
import i18n from '@/lib/i18n';
import type { Machine, MachineDocument } from '@/lib/types';
import { DocumentsPanel } from './documents-panel';

const machine = (role: Machine['role']) => ({ id: 'm1', ownerId: 'o', name: 'Roller', role }) as Machine;
const stored: MachineDocument[] = [
  { id: 'd1', machineId: 'm1', type: 'INSURANCE', name: '', number: 'POL-1', issuedOn: null, expiresOn: '2026-12-01', daysLeft: -1, createdAt: '', file: null },
  { id: 'd2', machineId: 'm1', type: 'CUSTOM', name: 'Crane permit', number: '', issuedOn: null, expiresOn: '2027-01-10', daysLeft: 12, createdAt: '', file: null },
];

let api: ReturnType<typeof mockApi>;
let failedGets = 0;
beforeEach(async () => {
  await i18n.changeLanguage('en');
  failedGets = 0;
  api = mockApi(({ method, url, body }) => {
    if (url.pathname !== '/api/v1/machines/m1/documents') return undefined;
    if (method === 'GET' && failedGets > 0) {
      failedGets--;
      return { status: 500, body: { error: { code: 'INTERNAL', message: 'boom' } } };
    }
    if (method === 'GET') return { body: stored };
    const d = body as { type: string; name: string };
    if (d.type === 'CUSTOM' && !d.name) {
      return { status: 400, body: { error: { code: 'VALIDATION_FAILED', message: 'bad', fields: { name: 'is required for a CUSTOM document' } } } };
    }
    return { status: 201, body: { ...stored[0], id: 'd3' } };
  });
  vi.stubGlobal('fetch', vi.fn(api.fetchMock));
});
afterEach(() => vi.unstubAllGlobals());

describe('DocumentsPanel', () => {
  it('says when the documents failed to load, and Try again brings them', async () => {
    failedGets = 1;
    const user = userEvent.setup();
    renderWithProviders(<DocumentsPanel machine={machine('owner')} />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Something went wrong on our side.');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findAllByTestId('document')).toHaveLength(2);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('lists documents with their expiry and lets the owner add one', async () => {
    const user = userEvent.setup();
    renderWithProviders(<DocumentsPanel machine={machine('owner')} />);
    const rows = await screen.findAllByTestId('document');
    expect(rows.map((r) => r.textContent)).toEqual([
      'Insurance · POL-1Expired on Dec 1, 2026Attach file (Insurance)',
      'Crane permitExpires in 12 days (Jan 10, 2027)Attach file (Crane permit)',
    ]);
    await user.type(screen.getByLabelText('Number'), 'POL-2');
    await user.type(screen.getByLabelText('Expires on'), '2027-02-01');
    await user.click(screen.getByRole('button', { name: 'Add document' }));
    await waitFor(() => expect(api.calls.some((c) => c.method === 'POST')).toBe(true));
    expect(api.calls.find((c) => c.method === 'POST')!.body).toEqual({
      type: 'INSURANCE', name: '', number: 'POL-2', issuedOn: '', expiresOn: '2027-02-01',
    });
  });

  it('names the refused field and keeps what was typed', async () => {
    const user = userEvent.setup();
    renderWithProviders(<DocumentsPanel machine={machine('owner')} />);
    await screen.findAllByTestId('document');
    await user.selectOptions(screen.getByLabelText('Document'), 'CUSTOM');
    await user.type(screen.getByLabelText('Expires on'), '2027-02-01');
    await user.click(screen.getByRole('button', { name: 'Add document' }));
    const form = screen.getByRole('form', { name: 'Add document' });
    expect(await within(form).findByText('Enter a name (up to 100 characters).')).toBeInTheDocument();
    expect(screen.getByLabelText('Expires on')).toHaveValue('2027-02-01');
  });

  it('shows an operator the documents without the form', async () => {
    renderWithProviders(<DocumentsPanel machine={machine('operator')} />);
    expect(await screen.findAllByTestId('document')).toHaveLength(2);
    expect(screen.queryByRole('button', { name: 'Add document' })).not.toBeInTheDocument();
  });
});
