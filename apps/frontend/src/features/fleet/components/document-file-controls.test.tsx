import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApi, renderWithProviders } from '@/testing/render';
import i18n from '@/lib/i18n';
import type { MachineDocument } from '@/lib/types';
import { DocumentFileControls, formatFileSize } from './document-file-controls';

const bare: MachineDocument = {
  id: 'd1', machineId: 'm1', type: 'INSURANCE', name: '', number: 'POL-1', issuedOn: null, expiresOn: '2027-01-01',
  daysLeft: 30, createdAt: '', file: null,
};
const withFile: MachineDocument = {
  ...bare,
  file: { name: 'policy.pdf', contentType: 'application/pdf', size: 482_113, uploadedAt: '2026-12-01T10:00:00Z' },
};
const filePath = '/api/v1/machines/m1/documents/d1/file';

let api: ReturnType<typeof mockApi>;
let answer: { status?: number; body?: unknown };
beforeEach(async () => {
  await i18n.changeLanguage('en');
  answer = { body: withFile };
  api = mockApi(({ method, url }) => {
    if (url.pathname !== filePath) return undefined;
    if (method === 'DELETE') return { body: bare };
    return answer;
  });
  vi.stubGlobal('fetch', vi.fn(api.fetchMock));
});
afterEach(() => vi.unstubAllGlobals());

const pdf = (size = 20) => new File(['%PDF-1.7'.padEnd(size, ' ')], 'policy.pdf', { type: 'application/pdf' });

describe('DocumentFileControls', () => {
  it('shows the file with its size and a download link, and lets the owner replace or remove it', async () => {
    const user = userEvent.setup();
    renderWithProviders(<DocumentFileControls doc={withFile} label="Insurance" canEdit />);
    const link = screen.getByTestId('document-file-link');
    expect(link).toHaveAttribute('href', filePath);
    expect(link).toHaveAttribute('download', 'policy.pdf');
    expect(link).toHaveTextContent('Download policy.pdf (482.1 kB)');
    expect(screen.getByText('Replace file')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Remove file (Insurance)' }));
    await waitFor(() => expect(api.calls.map((c) => `${c.method} ${c.path}`)).toEqual([`DELETE ${filePath}`]));
  });

  it('attaches the chosen file as a multipart upload', async () => {
    const user = userEvent.setup();
    renderWithProviders(<DocumentFileControls doc={bare} label="Insurance" canEdit />);
    const file = pdf();
    await user.upload(screen.getByLabelText('Attach file (Insurance)'), file);
    await waitFor(() => expect(api.calls).toHaveLength(1));
    const call = api.calls[0];
    expect(`${call.method} ${call.path}`).toBe(`PUT ${filePath}`);
    const sent = (call.body as FormData).get('file') as File;
    expect([sent.name, sent.size]).toEqual([file.name, file.size]);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it.each([
    [{ status: 400, body: { error: { code: 'VALIDATION_FAILED', message: 'x', fields: { file: 'must be a PDF…' } } } },
      'Choose a PDF, a PNG, JPEG or WebP image, or a plain text file.'],
    [{ status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE', message: 'the file is over 10 MiB' } } },
      'The file is over 10 MB. Choose a smaller one.'],
  ])('says why the server refused a file (%#)', async (refusal, said) => {
    answer = refusal;
    const user = userEvent.setup();
    renderWithProviders(<DocumentFileControls doc={bare} label="Insurance" canEdit />);
    await user.upload(screen.getByLabelText('Attach file (Insurance)'), pdf());
    expect(await screen.findByRole('alert')).toHaveTextContent(said);
  });

  it('refuses a file over 10 MiB without sending it', async () => {
    const user = userEvent.setup();
    renderWithProviders(<DocumentFileControls doc={bare} label="Insurance" canEdit />);
    await user.upload(screen.getByLabelText('Attach file (Insurance)'), pdf(10 * 1024 * 1024 + 1));
    expect(await screen.findByRole('alert')).toHaveTextContent('The file is over 10 MB.');
    expect(api.calls).toHaveLength(0);
  });

  it('lets an operator download but not change the file', () => {
    renderWithProviders(<DocumentFileControls doc={withFile} label="Insurance" canEdit={false} />);
    expect(screen.getByTestId('document-file-link')).toHaveAttribute('href', filePath);
    expect(screen.queryByText('Replace file')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Remove file/ })).not.toBeInTheDocument();
  });

  it('speaks Spanish', async () => {
    await i18n.changeLanguage('es');
    renderWithProviders(<DocumentFileControls doc={bare} label="Seguro" canEdit />);
    expect(screen.getByText('Adjuntar archivo')).toBeInTheDocument();
  });
});

describe('formatFileSize', () => {
  it.each([
    [512, 'en', '512 byte'],
    [482_113, 'en', '482.1 kB'],
    [3_400_000, 'en', '3.4 MB'],
    [482_113, 'es', '482,1 kB'],
  ])('%i bytes in %s', (bytes, lang, want) => {
    expect(formatFileSize(bytes, lang)).toBe(want);
  });
});
