import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import i18n from '@/lib/i18n';
import { mockApi, renderWithProviders } from '@/testing/render';
import { makeMachine } from '@/testing/fleet';
import { IssuesPage } from './issues-page';

let api: ReturnType<typeof mockApi>;
let fleetPolicy = false;
let failPolicy = false;
beforeEach(() => {
  fleetPolicy = false;
  failPolicy = false;
  api = mockApi(({ method, url, body }) => {
    if (method === 'GET' && url.pathname.endsWith('/machines')) {
      return { body: [makeMachine('m2', { serialNumber: 'S2', name: 'Loader' }), makeMachine('m1', { serialNumber: 'S1', name: 'Digger' })] };
    }
    if (method === 'GET' && url.pathname.endsWith('/issues')) return { body: { items: [], nextCursor: '' } };
    if (url.pathname === '/api/v1/issue-settings') {
      if (method === 'PUT') {
        if (failPolicy) return { status: 503, body: { error: { code: 'UNAVAILABLE', message: 'down' } } };
        fleetPolicy = (body as { operatorsMayResolve: boolean }).operatorsMayResolve;
      }
      return { body: { operatorsMayResolve: fleetPolicy } };
    }
    return undefined;
  });
  vi.stubGlobal('fetch', vi.fn(api.fetchMock));
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await i18n.changeLanguage('en');
});

function Address() {
  return <output data-testid="address">{useLocation().search}</output>;
}
const address = () => new URLSearchParams(screen.getByTestId('address').textContent ?? '');

const issueCalls = () => api.calls.filter((c) => c.method === 'GET' && c.path.startsWith('/api/v1/issues')).map((c) => c.path);

describe('the fleet issues page', () => {
  it('filters by machine, keeping the choice in the address with the other filters', async () => {
    const user = userEvent.setup();
    renderWithProviders(<><IssuesPage /><Address /></>, { route: '/issues' });
    const select = await screen.findByLabelText('Machine');
    await screen.findByRole('option', { name: 'Digger' });
    expect(Array.from((select as HTMLSelectElement).options).map((o) => o.textContent)).toEqual(['All machines', 'Digger', 'Loader']);
    await user.selectOptions(select, 'm1');
    await waitFor(() => expect(issueCalls().at(-1)).toContain('machineId=m1'));
    expect(issueCalls().at(-1)).toContain('status=OPEN');
    expect(address().get('machine')).toBe('m1');
    await user.selectOptions(screen.getByLabelText('Severity'), 'HIGH');
    expect(address().get('severity')).toBe('HIGH');
    await waitFor(() => expect(issueCalls().at(-1)).toMatch(/machineId=m1.*severity=HIGH|severity=HIGH.*machineId=m1/));
    await user.selectOptions(select, '');
    expect(address().has('machine')).toBe(false);
  });

  it('reads the filters from the address', async () => {
    renderWithProviders(<IssuesPage />, { route: '/issues?machine=m2&status=&severity=LOW' });
    await waitFor(() => expect(issueCalls()).toHaveLength(1));
    const q = new URL(issueCalls()[0], 'http://x').searchParams;
    expect(q.get('machineId')).toBe('m2');
    expect(q.get('severity')).toBe('LOW');
    expect(q.has('status')).toBe(false); // every status
    await screen.findByRole('option', { name: 'Loader' });
    expect(screen.getByLabelText('Machine')).toHaveValue('m2');
  });

  it("lets the owner set the fleet's 'operators may resolve issues'", async () => {
    const user = userEvent.setup();
    renderWithProviders(<IssuesPage />, { route: '/issues' });
    const box = await screen.findByRole('checkbox', { name: 'Operators may resolve issues on all my machines' });
    await waitFor(() => expect(box).toBeEnabled());
    expect(box).not.toBeChecked();
    await user.click(box);
    await waitFor(() => expect(box).toBeChecked());
    expect(api.calls.filter((c) => c.method === 'PUT')).toEqual([
      { method: 'PUT', path: '/api/v1/issue-settings', body: { operatorsMayResolve: true } },
    ]);
    expect(fleetPolicy).toBe(true);
    // A failed save says so and leaves the stored setting shown.
    failPolicy = true;
    await user.click(box);
    expect(await screen.findByRole('alert')).toBeInTheDocument();
    await waitFor(() => expect(box).toBeChecked());
  });

  it('does not offer the fleet setting to someone who owns no machine', async () => {
    api = mockApi(({ method, url }) => {
      if (method === 'GET' && url.pathname.endsWith('/machines')) return { body: [makeMachine('m1', { serialNumber: 'S1', name: 'Digger', role: 'operator' })] };
      if (method === 'GET' && url.pathname.endsWith('/issues')) return { body: { items: [], nextCursor: '' } };
      return undefined;
    });
    vi.stubGlobal('fetch', vi.fn(api.fetchMock));
    renderWithProviders(<IssuesPage />, { route: '/issues' });
    await screen.findByRole('option', { name: 'Digger' });
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
    expect(api.calls.some((c) => c.path.startsWith('/api/v1/issue-settings'))).toBe(false);
  });

  it('in Spanish', async () => {
    await i18n.changeLanguage('es');
    renderWithProviders(<IssuesPage />, { route: '/issues' });
    expect(await screen.findByLabelText('Máquina')).toBeInTheDocument();
    expect(screen.getByRole('option', { name: 'Todas las máquinas' })).toBeInTheDocument();
    expect(await screen.findByRole('checkbox', { name: 'Los operadores pueden resolver incidencias en todas mis máquinas' })).toBeInTheDocument();
  });
});
