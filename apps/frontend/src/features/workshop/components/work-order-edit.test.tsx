import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import i18n from '@/lib/i18n';
import { mockApi, renderWithProviders } from '@/testing/render';
import type { User, WorkOrder } from '@/lib/types';
import { WorkOrderDetailPage } from './work-order-detail-page';

const owner = { id: 'owner', name: 'Olga Owner', email: 'o@x.test' } as User;
const operator = { id: 'op', name: 'Pablo Operator', email: 'p@x.test' } as User;
const base = {
  id: 'w1', machineId: 'm1', machineName: 'Digger', ownerId: 'owner', title: 'Oil', status: 'OPEN', assigneeId: '',
  lines: [{ kind: 'PART', description: 'Filter', quantity: 1, unitCost: 1250, currency: 'EUR', total: 1250 }],
  totals: { EUR: 1250 }, issueIds: [], notes: '', role: 'owner', createdAt: '', updatedAt: '',
} as unknown as WorkOrder;

let order: WorkOrder;
let reject: Record<string, string> | null;
let api: ReturnType<typeof mockApi>;
beforeEach(() => {
  order = base;
  reject = null;
  api = mockApi(({ method, url, body }) => {
    if (url.pathname !== '/api/v1/work-orders/w1') return url.pathname === '/api/v1/work-orders' ? { body: { items: [], nextCursor: '' } } : undefined;
    if (method === 'GET') return { body: order };
    if (method === 'PATCH') {
      if (reject) return { status: 400, body: { error: { code: 'VALIDATION_FAILED', message: 'invalid', fields: reject } } };
      order = { ...order, ...(body as Partial<WorkOrder>) };
      return { body: order };
    }
    return undefined;
  });
  vi.stubGlobal('fetch', vi.fn(api.fetchMock));
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await i18n.changeLanguage('en');
});

const render = (w: Partial<WorkOrder> = {}, user: User = owner) => {
  order = { ...base, ...w };
  return renderWithProviders(
    <Routes>
      <Route path="/work-orders/:workOrderId" element={<WorkOrderDetailPage user={user} people={[owner, operator]} />} />
    </Routes>,
    { route: '/work-orders/w1' },
  );
};
const patches = () => api.calls.filter((c) => c.method === 'PATCH');

describe('editing a work order', () => {
  it('the owner changes title, assignee, lines and notes; the page shows the saved order', async () => {
    const user = userEvent.setup();
    render();
    await user.click(await screen.findByRole('button', { name: 'Edit' }));
    const form = screen.getByRole('form', { name: 'Edit work order' });
    const title = within(form).getByLabelText(/Title/);
    await user.clear(title);
    await user.type(title, 'Oil and filter');
    await user.selectOptions(within(form).getByLabelText('Assignee'), 'op');
    const line1 = within(form).getByRole('group', { name: 'Line 1' });
    await user.clear(within(line1).getByLabelText('Quantity'));
    await user.type(within(line1).getByLabelText('Quantity'), '2');
    await user.click(within(form).getByRole('button', { name: 'Add a line' }));
    const line2 = within(form).getByRole('group', { name: 'Line 2' });
    await user.type(within(line2).getByLabelText('Description'), 'Fitter');
    await user.clear(within(line2).getByLabelText('Unit cost'));
    await user.type(within(line2).getByLabelText('Unit cost'), '60');
    await user.type(within(form).getByLabelText('Notes'), 'Use 10W-40');
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Edit work order' })).not.toBeInTheDocument());
    expect(patches()).toEqual([{ method: 'PATCH', path: '/api/v1/work-orders/w1', body: {
      title: 'Oil and filter', notes: 'Use 10W-40', assigneeId: 'op', lines: [
        { kind: 'PART', description: 'Filter', quantity: 2, unitCost: 1250, currency: 'EUR' },
        { kind: 'LABOUR', description: 'Fitter', quantity: 1, unitCost: 6000, currency: 'EUR' },
      ] } }]);
    expect(await screen.findByRole('heading', { name: 'Oil and filter' })).toBeInTheDocument();
  });

  it("shows the server's field errors in the reader's language, beside their boxes", async () => {
    await i18n.changeLanguage('es');
    const user = userEvent.setup();
    reject = { 'lines[0].currency': 'must be a 3-letter ISO 4217 code', title: 'is too long' };
    render();
    await user.click(await screen.findByRole('button', { name: 'Editar' }));
    const form = screen.getByRole('form', { name: 'Editar orden de trabajo' });
    await user.click(within(form).getByRole('button', { name: 'Guardar cambios' }));
    const currency = await within(form).findByRole('textbox', { name: 'Moneda' });
    await waitFor(() => expect(currency).toHaveAttribute('aria-invalid', 'true'));
    const message = document.getElementById(currency.getAttribute('aria-describedby') ?? '')?.textContent ?? '';
    expect(message).toBe(i18n.t('fieldErrors.currency'));
    expect(message).not.toContain('ISO 4217 code'); // not the server's English
    expect(screen.getByRole('form', { name: 'Editar orden de trabajo' })).toBeInTheDocument();
  });

  it('checks the lines before sending', async () => {
    const user = userEvent.setup();
    render();
    await user.click(await screen.findByRole('button', { name: 'Edit' }));
    const form = screen.getByRole('form', { name: 'Edit work order' });
    await user.clear(within(form).getByLabelText('Description'));
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));
    expect(within(form).getByLabelText('Description')).toHaveAttribute('aria-invalid', 'true');
    expect(patches()).toEqual([]);
  });

  it.each([
    ['an operator', { role: 'operator' }, operator],
    ['a completed order', { status: 'COMPLETED' }, owner],
    ['a cancelled order', { status: 'CANCELLED' }, owner],
  ] as const)('is not offered for %s', async (_, w, who) => {
    render(w as Partial<WorkOrder>, who);
    await screen.findByRole('heading', { name: 'Oil' });
    expect(screen.queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument();
  });
});
