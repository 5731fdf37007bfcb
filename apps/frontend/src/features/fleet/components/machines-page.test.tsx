import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from '@/lib/i18n';
import { mockApi, renderWithProviders } from '@/testing/render';
import { inDays, makeMachine, makePlan } from '@/testing/fleet';
import { MACHINES_PAGE, MachinesPage } from './machines-page';

const fleet = [
  {
    machine: makeMachine('m1', { name: 'Excavator', brand: 'CAT', model: '320', serialNumber: 'CAT-320-7', operatingHours: 4200, createdAt: '2026-10-01T08:00:00Z' }),
    plans: [
      makePlan('Oil change', { status: 'OVERDUE', intervalDays: null, nextDueAt: null, nextDueHours: 4150 }),
      makePlan('Inspection', { status: 'OK', nextDueAt: inDays(40) }),
    ],
  },
  {
    machine: makeMachine('m2', { name: 'Dumper', brand: 'Thwaites', serialNumber: 'TW-4', operatingHours: 30, createdAt: '2026-12-01T08:00:00Z' }),
    plans: [makePlan('Greasing', { status: 'DUE_SOON', nextDueAt: inDays(4) })],
  },
  { machine: makeMachine('m3', { name: 'Backhoe', brand: 'JCB', model: '3CX', serialNumber: 'JCB-9', operatingHours: 1500, createdAt: '2026-11-01T08:00:00Z' }), plans: [] },
];
const api = mockApi(({ method, url }) => {
  if (method === 'GET' && url.pathname === '/api/v1/machines') return { body: fleet.map((f) => f.machine) };
  if (method === 'GET' && url.pathname === '/api/v1/maintenance/plans') return { body: fleet };
  return undefined;
});

beforeEach(async () => {
  api.calls.length = 0;
  vi.stubGlobal('fetch', vi.fn(api.fetchMock));
  await i18n.changeLanguage('en');
});
afterEach(() => vi.unstubAllGlobals());

const machineNames = () => within(screen.getByTestId('machine-table')).getAllByRole('rowheader').map((th) => within(th).getByRole('link').textContent);
const nextService = (name: string) => within(screen.getByRole('row', { name: new RegExp(name) })).getByTestId('next-service');

describe('the machines list', () => {
  it('draws a large fleet a page at a time, and search still looks at every machine', { timeout: 20_000 }, async () => {
    const many = Array.from({ length: 130 }, (_, i) =>
      makeMachine(`big${i}`, { name: `Loader ${String(i).padStart(3, '0')}`, serialNumber: `L-${i}`, operatingHours: i }),
    );
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const path = new URL(String(input), 'http://x').pathname;
        if (path === '/api/v1/machines') return new Response(JSON.stringify(many), { status: 200, headers: { 'Content-Type': 'application/json' } });
        if (path === '/api/v1/maintenance/plans') return new Response('[]', { status: 200, headers: { 'Content-Type': 'application/json' } });
        return api.fetchMock(input, init);
      }),
    );
    const user = userEvent.setup();
    renderWithProviders(<MachinesPage />, { route: '/machines' });
    await screen.findByTestId('machine-table');
    expect(machineNames()).toHaveLength(MACHINES_PAGE);
    expect(screen.getByRole('status')).toHaveTextContent('The first 100 of 130 shown (130 machines)');
    expect(machineNames()[99]).toBe('Loader 099');
    await user.click(screen.getByRole('button', { name: 'Show 30 more (30 left)' }));
    expect(machineNames()).toHaveLength(130);
    expect(machineNames()[129]).toBe('Loader 129');
    expect(screen.queryByRole('button', { name: /Show .* more/ })).toBeNull();
    expect(screen.getByRole('status')).toHaveTextContent('130 of 130 machines');
    // A search runs over every machine, also those not drawn yet.
    await user.click(screen.getByRole('searchbox', { name: 'Search' }));
    await user.paste('L-125');
    expect(machineNames()).toEqual(['Loader 125']);
    expect(screen.getByRole('status')).toHaveTextContent('1 of 130 machines');
  });

  it('lists the machines before their plans arrive, and says so when the plans cannot be loaded', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) =>
        String(input).includes('/maintenance/plans')
          ? new Response(JSON.stringify({ error: { code: 'UNAVAILABLE', message: 'store unavailable' } }), { status: 503 })
          : api.fetchMock(input, init),
      ),
    );
    renderWithProviders(<MachinesPage />, { route: '/machines' });
    await screen.findByTestId('machine-table');
    expect(machineNames()).toEqual(['Backhoe', 'Dumper', 'Excavator']);
    expect(await screen.findByRole('alert')).toHaveTextContent('The maintenance status could not be loaded.');
    expect(nextService('Dumper')).toHaveTextContent('—');
  });

  it('shows each machine\'s next service with its status, in one request for the whole fleet', async () => {
    renderWithProviders(<MachinesPage />, { route: '/machines' });
    await screen.findByTestId('machine-table');
    expect(machineNames()).toEqual(['Backhoe', 'Dumper', 'Excavator']);
    await waitFor(() => expect(nextService('Excavator')).toHaveTextContent('Overdue'));
    expect(nextService('Excavator')).toHaveTextContent('Oil change');
    expect(nextService('Excavator')).toHaveTextContent('50 h overdue');
    expect(nextService('Dumper')).toHaveTextContent('Due soon');
    expect(nextService('Dumper')).toHaveTextContent('4 days left');
    expect(nextService('Backhoe')).toHaveTextContent('No maintenance plans');
    expect(api.calls.map((c) => c.path).sort()).toEqual(['/api/v1/machines', '/api/v1/maintenance/plans']);
  });

  it('searches by name, serial number, brand or model', async () => {
    const user = userEvent.setup();
    renderWithProviders(<MachinesPage />, { route: '/machines' });
    const search = await screen.findByRole('searchbox', { name: 'Search' });
    await user.type(search, 'cat-320');
    expect(machineNames()).toEqual(['Excavator']);
    expect(screen.getByRole('status')).toHaveTextContent('1 of 3 machines');
    await user.clear(search);
    await user.type(search, 'jcb 3cx');
    expect(machineNames()).toEqual(['Backhoe']);
    await user.clear(search);
    await user.type(search, 'nothing like it');
    expect(screen.queryByTestId('machine-table')).not.toBeInTheDocument();
    expect(screen.getByText('No machine matches “nothing like it”.')).toBeInTheDocument();
  });

  it.each([
    { sort: 'Hours (most first)', want: ['Excavator', 'Backhoe', 'Dumper'] },
    { sort: 'Next service (soonest first)', want: ['Excavator', 'Dumper', 'Backhoe'] },
    { sort: 'Name', want: ['Backhoe', 'Dumper', 'Excavator'] },
    { sort: 'Newest first', want: ['Dumper', 'Backhoe', 'Excavator'] },
  ])('sorts by $sort', async ({ sort, want }) => {
    const user = userEvent.setup();
    renderWithProviders(<MachinesPage />, { route: '/machines?sort=hours' });
    await screen.findByTestId('machine-table');
    await waitFor(() => expect(nextService('Dumper')).toHaveTextContent('Due soon'));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Sort by' }), sort);
    expect(machineNames()).toEqual(want);
  });

  it('opens newest first from the Import page link (/machines?sort=newest)', async () => {
    renderWithProviders(<MachinesPage />, { route: '/machines?sort=newest' });
    await screen.findByTestId('machine-table');
    expect(machineNames()).toEqual(['Dumper', 'Backhoe', 'Excavator']);
    expect(screen.getByRole('combobox', { name: 'Sort by' })).toHaveValue('newest');
  });

  it('speaks Spanish', async () => {
    await i18n.changeLanguage('es');
    renderWithProviders(<MachinesPage />, { route: '/machines' });
    await screen.findByTestId('machine-table');
    expect(screen.getByRole('columnheader', { name: 'Estado / próximo mantenimiento' })).toBeInTheDocument();
    await waitFor(() => expect(nextService('Excavator')).toHaveTextContent('Vencido'));
    expect(nextService('Dumper')).toHaveTextContent('quedan 4 días');
    expect(nextService('Backhoe')).toHaveTextContent('Sin planes de mantenimiento');
    expect(screen.getByRole('combobox', { name: 'Ordenar por' })).toBeInTheDocument();
  });
});
