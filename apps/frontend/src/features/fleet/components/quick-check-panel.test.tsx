import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from '@/lib/i18n';
import { mockApi, renderWithProviders } from '@/testing/render';
import type { Machine, MaintenancePlan, QuickCheck } from '@/lib/types';
import { QuickCheckPanel } from './quick-check-panel';
import { PlansPanel } from './plans-panel';

const ownerCan = { edit: true, delete: true, manageOperators: true, recordReading: true, addQuickCheck: true, createPlan: true, completePlan: true };
const operatorCan = { ...ownerCan, edit: false, delete: false, manageOperators: false, createPlan: false, completePlan: false };

const machine = (extra: Partial<Machine> = {}): Machine => ({
  id: 'm1', ownerId: 'owner', serialNumber: 'SN', name: 'Digger', brand: '', model: '', type: '', operatingHours: 100,
  operatorIds: ['op'], role: 'owner', can: ownerCan, createdAt: '', updatedAt: '', ...extra,
});

const spanishCheck: QuickCheck = {
  id: 'q1', machineId: 'm1', authorId: 'op', templateVersion: 1, operatingHours: 104, notes: 'Revisar pronto', passed: false,
  failedItems: ['tyres'], createdAt: new Date().toISOString(),
  items: [
    { key: 'tyres', label: 'Neumáticos u orugas', status: 'FAILED', passed: false, notes: 'Pinchazo delante' },
    { key: 'brakes', label: '', status: 'PASSED', passed: true, notes: '' },
  ],
};

let api: ReturnType<typeof mockApi>;
beforeEach(() => {
  api = mockApi(({ method, url }) => {
    if (method === 'GET' && url.pathname.endsWith('/quick-checks')) return { body: [spanishCheck] };
    if (method === 'POST' && url.pathname.endsWith('/quick-checks')) return { status: 201, body: { ...spanishCheck, id: 'q2' } };
    if (method === 'GET' && url.pathname.endsWith('/maintenance-plans')) return { body: [plan] };
    return undefined;
  });
  vi.stubGlobal('fetch', vi.fn(api.fetchMock));
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await i18n.changeLanguage('en');
});

const plan: MaintenancePlan = {
  id: 'p1', machineId: 'm1', name: 'Oil', type: 'OIL_CHANGE', intervalHours: 250, intervalDays: null, dueSoonHours: 25, dueSoonDays: null,
  startHours: 0, startedAt: '', lastCompletedAt: null, lastCompletedHours: null, status: 'OK', nextDueHours: 250, nextDueAt: null,
  forecastDueAt: null, can: { complete: false }, createdAt: '',
};

describe('the quick check form', () => {
  it('starts with every item unanswered and refuses to send until each has an answer', async () => {
    const user = userEvent.setup();
    renderWithProviders(<QuickCheckPanel machine={machine()} people={[]} />);
    const form = screen.getByTestId('quick-check-form');
    expect(within(form).queryAllByRole('radio', { checked: true })).toHaveLength(0);
    await user.click(within(form).getByRole('button', { name: 'Submit quick check' }));
    expect(screen.getByTestId('quick-check-incomplete')).toHaveTextContent('7 items still need an answer.');
    expect(within(form).getByText('Brakes: choose Passed, Failed or N/A.')).toBeInTheDocument();
    expect(api.calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('asks for a note on a failed item, then sends statuses by key with the hours', async () => {
    const user = userEvent.setup();
    renderWithProviders(<QuickCheckPanel machine={machine()} people={[]} />);
    const form = screen.getByTestId('quick-check-form');
    for (const group of within(form).getAllByRole('group')) await user.click(within(group).getByLabelText('Passed'));
    await user.click(within(within(form).getByRole('group', { name: 'Brakes' })).getByLabelText('Failed'));
    await user.click(within(within(form).getByRole('group', { name: 'Lights and beacons' })).getByLabelText('N/A'));
    await user.click(within(form).getByRole('button', { name: 'Submit quick check' }));
    expect(within(form).getByText('Brakes failed: say what is wrong.')).toBeInTheDocument();
    expect(api.calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    await user.type(within(form).getByLabelText('Notes for Brakes'), 'Soft pedal');
    await user.type(within(form).getByLabelText('Hour meter reading'), '104.5');
    await user.click(within(form).getByRole('button', { name: 'Submit quick check' }));
    await waitFor(() => expect(api.calls.filter((c) => c.method === 'POST')).toHaveLength(1));
    const body = api.calls.find((c) => c.method === 'POST')!.body as { templateVersion: number; operatingHours: number; items: Array<Record<string, string>> };
    expect(body.templateVersion).toBe(1);
    expect(body.operatingHours).toBe(104.5);
    // A failed item carries its severity: brakes default to High (the issue it opens takes it).
    expect(body.items.find((i) => i.key === 'brakes')).toEqual({ key: 'brakes', status: 'FAILED', notes: 'Soft pedal', severity: 'HIGH' });
    expect(body.items.find((i) => i.key === 'lights')).toEqual({ key: 'lights', status: 'NA' });
    expect(body.items.every((i) => !('label' in i))).toBe(true);
  }, 20_000); // many keystrokes: slow on a shared 2-core machine, not a speed target

  it('keeps every answer and what was typed when the server cannot be reached, and says so', async () => {
    const answer = api.fetchMock;
    vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      if (init?.method === 'POST') throw new TypeError('Failed to fetch');
      return answer(input, init);
    }));
    const user = userEvent.setup();
    renderWithProviders(<QuickCheckPanel machine={machine()} people={[]} />);
    const form = screen.getByTestId('quick-check-form');
    for (const group of within(form).getAllByRole('group')) await user.click(within(group).getByLabelText('Passed'));
    await user.type(within(form).getByLabelText('Hour meter reading'), '104');
    await user.type(within(form).getByLabelText('General notes'), 'All good');
    await user.click(within(form).getByRole('button', { name: 'Submit quick check' }));
    expect(await within(form).findByText('The server cannot be reached.')).toBeInTheDocument();
    expect(within(form).getByLabelText('Hour meter reading')).toHaveValue(104);
    expect(within(form).getByLabelText('General notes')).toHaveValue('All good');
    expect(within(form).getAllByRole('radio', { checked: true })).toHaveLength(7);
    expect(within(form).getByRole('button', { name: 'Submit quick check' })).toBeEnabled();
  }, 20_000);

  it('lets the operator choose a failed item\'s severity, defaulting to the item\'s own', async () => {
    const user = userEvent.setup();
    renderWithProviders(<QuickCheckPanel machine={machine()} people={[]} />);
    const form = screen.getByTestId('quick-check-form');
    for (const group of within(form).getAllByRole('group')) await user.click(within(group).getByLabelText('Passed'));
    expect(within(form).queryByRole('combobox')).toBeNull(); // only a failed item has one
    await user.click(within(within(form).getByRole('group', { name: 'Tyres or tracks' })).getByLabelText('Failed'));
    const severity = within(form).getByRole('combobox', { name: 'Severity of the issue for Tyres or tracks' });
    expect(severity).toHaveValue('MEDIUM');
    await user.selectOptions(severity, 'Critical');
    await user.type(within(form).getByLabelText('Notes for Tyres or tracks'), 'Tread gone');
    await user.click(within(form).getByRole('button', { name: 'Submit quick check' }));
    await waitFor(() => expect(api.calls.filter((c) => c.method === 'POST')).toHaveLength(1));
    const body = api.calls.find((c) => c.method === 'POST')!.body as { items: Array<Record<string, string>> };
    expect(body.items.find((i) => i.key === 'tyres')).toEqual({ key: 'tyres', status: 'FAILED', notes: 'Tread gone', severity: 'CRITICAL' });
    expect(body.items.filter((i) => 'severity' in i)).toHaveLength(1);
  }, 20_000);

  it('refuses hours below the meter', async () => {
    const user = userEvent.setup();
    renderWithProviders(<QuickCheckPanel machine={machine()} people={[]} />);
    const form = screen.getByTestId('quick-check-form');
    for (const group of within(form).getAllByRole('group')) await user.click(within(group).getByLabelText('Passed'));
    await user.type(within(form).getByLabelText('Hour meter reading'), '90');
    await user.click(within(form).getByRole('button', { name: 'Submit quick check' }));
    expect(within(form).getByLabelText('Hour meter reading')).toHaveAttribute('aria-invalid', 'true');
    expect(api.calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });
});

describe('the quick check history', () => {
  it("shows a Spanish operator's check to an English reader in English, with the notes, who and when", async () => {
    renderWithProviders(<QuickCheckPanel machine={machine()} people={[{ id: 'op', name: 'Pablo', email: '', businessName: '', roles: ['user'], createdAt: '' }]} />);
    const entry = await screen.findByTestId('quick-check-entry');
    expect(entry).toHaveTextContent('1 item failed: Tyres or tracks');
    expect(entry).not.toHaveTextContent('Neumáticos');
    expect(entry).toHaveTextContent('Tyres or tracks: Pinchazo delante');
    expect(entry).toHaveTextContent('General notes: Revisar pronto');
    expect(entry).toHaveTextContent('Pablo');
  });

  it('and in Spanish to a Spanish reader', async () => {
    await i18n.changeLanguage('es');
    renderWithProviders(<QuickCheckPanel machine={machine()} people={[]} />);
    const entry = await screen.findByTestId('quick-check-entry');
    expect(entry).toHaveTextContent(String(i18n.t('fleet.quickCheck.items.tyres')));
  });
});

describe('actions by role', () => {
  it('an operator is not offered Mark done or Add plan', async () => {
    renderWithProviders(<PlansPanel machine={machine({ role: 'operator', can: operatorCan })} />);
    expect(await screen.findByText('Oil')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Mark done/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Add plan/ })).toBeNull();
  });

  it('the owner is, with a name that says which plan', async () => {
    api = mockApi(({ method, url }) => (method === 'GET' && url.pathname.endsWith('/maintenance-plans') ? { body: [{ ...plan, can: { complete: true } }] } : undefined));
    vi.stubGlobal('fetch', vi.fn(api.fetchMock));
    renderWithProviders(<PlansPanel machine={machine()} />);
    expect(await screen.findByRole('button', { name: 'Mark done: Oil' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '+ Add plan' })).toBeInTheDocument();
  });
});
