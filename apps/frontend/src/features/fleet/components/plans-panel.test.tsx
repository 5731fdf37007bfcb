import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from '@/lib/i18n';
import { mockApi, renderWithProviders } from '@/testing/render';
import type { Machine } from '@/lib/types';
import { inDays, makeMachine, makePlan } from '@/testing/fleet';
import { PLAN_TYPES, PlansPanel } from './plans-panel';
import { daysUntil } from '../lib/next-service';

const machine: Machine = makeMachine('m1', { serialNumber: 'SN', name: 'Digger' });
const plan = makePlan;
const plans = [
  plan('Greasing', { type: 'LUBRICATION', nextDueAt: inDays(3), status: 'DUE_SOON' }),
  plan('Inspection', { type: 'INSPECTION', nextDueAt: inDays(-2), status: 'OVERDUE' }),
  plan('Wash', { type: 'PRESSURE_WASH', nextDueAt: inDays(1) }),
];

beforeEach(() => {
  const api = mockApi(({ method, url }) => (method === 'GET' && url.pathname.endsWith('/maintenance-plans') ? { body: plans } : undefined));
  vi.stubGlobal('fetch', vi.fn(api.fetchMock));
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await i18n.changeLanguage('en');
});

const row = (name: string) => screen.getByText(name).closest('li') as HTMLElement;

describe('maintenance plans', () => {
  it('day-based plans say how many days are left or overdue, types by name', async () => {
    renderWithProviders(<PlansPanel machine={machine} />);
    await screen.findByText('Greasing');
    expect(within(row('Greasing')).getByTestId('plan-days')).toHaveTextContent('3 days left');
    expect(within(row('Greasing')).getByText(/Lubrication/)).toBeInTheDocument();
    expect(within(row('Inspection')).getByTestId('plan-days')).toHaveTextContent('2 days overdue');
    expect(within(row('Wash')).getByTestId('plan-days')).toHaveTextContent('1 day left');
    expect(within(row('Wash')).getByText(/PRESSURE_WASH/)).toBeInTheDocument(); // a free-text type shows as stored
    expect(within(row('Greasing')).getByRole('button', { name: 'Mark done: Greasing' })).toHaveTextContent('Mark done');
  });

  it('in Spanish', async () => {
    await i18n.changeLanguage('es');
    renderWithProviders(<PlansPanel machine={machine} />);
    await screen.findByText('Greasing');
    expect(within(row('Greasing')).getByTestId('plan-days')).toHaveTextContent('quedan 3 días');
    expect(within(row('Greasing')).getByText(/Engrase/)).toBeInTheDocument();
    expect(within(row('Inspection')).getByTestId('plan-days')).toHaveTextContent('2 días de retraso');
  });

  it.each(['en', 'es'])('the form offers every named type, each by its %s name', async (lang) => {
    await i18n.changeLanguage(lang);
    const user = userEvent.setup();
    renderWithProviders(<PlansPanel machine={machine} />);
    await screen.findByText('Greasing');
    await user.click(screen.getByRole('button', { name: lang === 'en' ? '+ Add plan' : /Añadir plan/ }));
    const options = within(screen.getByLabelText(lang === 'en' ? 'Kind of work' : 'Tipo de trabajo')).getAllByRole('option');
    expect(options.map((o) => o.getAttribute('value'))).toEqual([...PLAN_TYPES]);
    for (const o of options) expect(o.textContent).not.toMatch(/^[A-Z_]+$/);
  });

  it('counts whole days, by the calendar', () => {
    const now = new Date(2026, 11, 1, 23, 30).getTime();
    expect(daysUntil(new Date(2026, 11, 2, 0, 10).toISOString(), now)).toBe(1);
    expect(daysUntil(new Date(2026, 11, 1, 8, 0).toISOString(), now)).toBe(0);
    expect(daysUntil(new Date(2026, 10, 28, 12, 0).toISOString(), now)).toBe(-3);
  });
});

describe('a work order from a plan', () => {
  it('is offered to the owner on a due or overdue plan only, linking the form with the plan', async () => {
    renderWithProviders(<PlansPanel machine={machine} />);
    await screen.findByText('Greasing');
    const due = within(row('Greasing')).getByRole('link', { name: 'Create work order: Greasing' });
    expect(due).toHaveAttribute('href', '/machines/m1/work-orders/new?plan=Greasing');
    expect(within(row('Inspection')).getByRole('link', { name: 'Create work order: Inspection' }))
      .toHaveAttribute('href', '/machines/m1/work-orders/new?plan=Inspection');
    expect(within(row('Wash')).queryByRole('link')).not.toBeInTheDocument(); // not due
  });

  it('is not offered to an operator (the plan says they may not)', async () => {
    const operators = plans.map((p) => ({ ...p, can: { complete: false } }));
    const api = mockApi(({ method, url }) => (method === 'GET' && url.pathname.endsWith('/maintenance-plans') ? { body: operators } : undefined));
    vi.stubGlobal('fetch', vi.fn(api.fetchMock));
    renderWithProviders(<PlansPanel machine={machine} />);
    await screen.findByText('Greasing');
    expect(screen.queryByRole('link', { name: /Create work order/ })).not.toBeInTheDocument();
  });

  it('in Spanish', async () => {
    await i18n.changeLanguage('es');
    renderWithProviders(<PlansPanel machine={machine} />);
    await screen.findByText('Greasing');
    expect(within(row('Inspection')).getByRole('link', { name: 'Crear orden de trabajo: Inspection' })).toHaveTextContent('Crear orden de trabajo');
  });
});
