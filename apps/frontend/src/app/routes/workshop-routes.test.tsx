import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import i18n from '@/lib/i18n';
import { mockApi, renderWithProviders } from '@/testing/render';
import { makeMachine, makePlan } from '@/testing/fleet';
import type { User } from '@/lib/types';
import { WorkOrderFormRoute } from './workshop-routes';

const owner = { id: 'owner', name: 'Olga Owner', email: 'o@x.test' } as User;

let plansFailures = 0;
const api = mockApi(({ method, url }) => {
  if (method !== 'GET') return undefined;
  if (url.pathname === '/api/v1/contacts') return { body: [] };
  if (url.pathname === '/api/v1/machines/m1') return { body: makeMachine('m1', { name: 'Digger' }) };
  if (url.pathname === '/api/v1/machines/m1/maintenance-plans') {
    if (plansFailures > 0) {
      plansFailures--;
      return { status: 500, body: { error: { code: 'INTERNAL', message: 'boom' } } };
    }
    return { body: [makePlan('p1', { name: 'Oil change' })] };
  }
  if (url.pathname === '/api/v1/issues') return { body: { items: [], nextCursor: '' } };
  return undefined;
});

beforeEach(async () => {
  plansFailures = 0;
  api.calls.length = 0;
  vi.stubGlobal('fetch', vi.fn(api.fetchMock));
  await i18n.changeLanguage('en');
});
afterEach(() => vi.unstubAllGlobals());

describe('the new work order page', () => {
  it('when the plans failed to load, Try again asks for them again and the form offers them', async () => {
    plansFailures = 1;
    const user = userEvent.setup();
    renderWithProviders(
      <Routes>
        <Route path="/machines/:machineId/work-orders/new" element={<WorkOrderFormRoute user={owner} />} />
      </Routes>,
      { route: '/machines/m1/work-orders/new' },
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Something went wrong on our side.');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    const form = await screen.findByTestId('work-order-form');
    expect(within(form).getByRole('option', { name: /Oil change/ })).toBeInTheDocument();
    expect(api.calls.filter((c) => c.path === '/api/v1/machines/m1/maintenance-plans')).toHaveLength(2);
  });
});
