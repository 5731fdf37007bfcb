import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import i18n from '@/lib/i18n';
import { mockApi, renderWithProviders } from '@/testing/render';
import type { Machine, MaintenancePlan, User } from '@/lib/types';
import type { IssueDetail } from '../types';
import { IssueDetailPage } from './issue-detail-page';
import { WorkOrderForm } from './work-order-form';
import { MachineWorkPanel } from './machine-work-panel';
import { WorkOrderDetailPage } from './work-order-detail-page';
import { expectFieldError, expectNoValidate } from '@/testing/forms';

const owner: User = { id: 'owner', name: 'Olga Owner', email: 'o@x.test' } as User;
const operator: User = { id: 'op', name: 'Pablo Operator', email: 'p@x.test' } as User;

const machine: Machine = {
  id: 'm1', ownerId: 'owner', serialNumber: 'SN', name: 'Digger', brand: '', model: '', type: '', operatingHours: 100,
  operatorIds: ['op'], role: 'owner', createdAt: '', updatedAt: '',
} as Machine;

const plan = { id: 'p1', machineId: 'm1', name: 'Oil', status: 'OVERDUE' } as MaintenancePlan;

const checkIssue: IssueDetail = {
  id: 'i1', machineId: 'm1', machineName: 'Digger', ownerId: 'owner', reporterId: 'op', title: '', itemKey: 'brakes',
  description: 'Soft pedal', severity: 'HIGH', status: 'OPEN', createdAt: new Date().toISOString(), updatedAt: '',
  comments: [], role: 'operator', canResolve: false,
};

const workOrder = {
  id: 'w1', machineId: 'm1', machineName: 'Digger', ownerId: 'owner', title: 'Oil', status: 'IN_PROGRESS', lines: [], totals: [],
  issueIds: [], notes: '', role: 'owner', createdAt: '', updatedAt: '',
};

let issue: IssueDetail;
let orders: unknown[];
/** GET paths that answer 500 once, then as usual. */
let failOnce: Set<string>;
let api: ReturnType<typeof mockApi>;
beforeEach(() => {
  issue = checkIssue;
  orders = [];
  failOnce = new Set();
  api = mockApi(({ method, url, body }) => {
    if (method === 'GET' && failOnce.delete(url.pathname)) return { status: 500, body: { error: { code: 'INTERNAL', message: 'boom' } } };
    if (method === 'GET' && url.pathname === '/api/v1/issues/i1') return { body: issue };
    if (method === 'GET' && url.pathname === '/api/v1/issues') return { body: { items: [issue], nextCursor: '' } };
    if (method === 'POST' && url.pathname === '/api/v1/issues/i1/status') {
      issue = { ...issue, status: (body as { status: IssueDetail['status'] }).status };
      return { body: issue };
    }
    if (method === 'POST' && url.pathname === '/api/v1/machines/m1/work-orders') return { status: 201, body: { id: 'w1' } };
    if (method === 'GET' && url.pathname === '/api/v1/work-orders/w1') return { body: workOrder };
    if (method === 'GET' && url.pathname === '/api/v1/work-orders') return { body: { items: orders, nextCursor: '' } };
    if (method === 'GET' && url.pathname === '/api/v1/machines/m1/issue-settings') return { body: { operatorsMayResolve: false } };
    return undefined;
  });
  vi.stubGlobal('fetch', vi.fn(api.fetchMock));
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await i18n.changeLanguage('en');
});

const renderIssue = () =>
  renderWithProviders(
    <Routes>
      <Route path="/issues/:issueId" element={<IssueDetailPage people={[owner, operator]} />} />
    </Routes>,
    { route: '/issues/i1' },
  );

describe('an issue page', () => {
  it('names a checklist item in the reader language and offers no steps to an operator who may not resolve', async () => {
    await i18n.changeLanguage('es');
    renderIssue();
    expect(await screen.findByRole('heading', { name: 'Frenos' })).toBeInTheDocument();
    expect(screen.getByTestId('issue-steps')).toHaveTextContent('Abierta por Pablo Operator');
    expect(screen.queryByRole('button', { name: 'Resolver' })).not.toBeInTheDocument();
  });

  it('lets the owner acknowledge, then resolve', async () => {
    issue = { ...checkIssue, role: 'owner', canResolve: true };
    const user = userEvent.setup();
    renderIssue();
    await user.click(await screen.findByRole('button', { name: 'Acknowledge' }));
    await waitFor(() => expect(screen.getByTestId('issue-status')).toHaveTextContent('Acknowledged'));
    expect(screen.queryByRole('button', { name: 'Acknowledge' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Resolve' }));
    await waitFor(() => expect(screen.getByTestId('issue-status')).toHaveTextContent('Resolved'));
    expect(api.calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([{ status: 'ACKNOWLEDGED' }, { status: 'RESOLVED' }]);
  });
});

describe('the work order form', () => {
  it('sends the plan, the issues and costs in minor units', async () => {
    const user = userEvent.setup();
    renderWithProviders(
      <Routes>
        <Route path="/new" element={<WorkOrderForm machine={machine} plans={[plan]} people={[owner, operator]} />} />
        <Route path="/work-orders/:id" element={<p>saved</p>} />
      </Routes>,
      { route: '/new?plan=p1&issue=i1' },
    );
    const form = screen.getByTestId('work-order-form');
    expect(within(form).getByLabelText('Title')).toHaveValue('Oil');
    expect(await within(form).findByRole('checkbox', { name: 'Brakes' })).toBeChecked();
    await user.selectOptions(within(form).getByLabelText('Assignee'), 'Pablo Operator');
    const line = within(form).getByRole('group', { name: 'Line 1' });
    await user.selectOptions(within(line).getByLabelText('Kind'), 'PART');
    await user.type(within(line).getByLabelText('Description'), 'Brake pads');
    await user.clear(within(line).getByLabelText('Quantity'));
    await user.type(within(line).getByLabelText('Quantity'), '2');
    await user.clear(within(line).getByLabelText('Unit cost'));
    await user.type(within(line).getByLabelText('Unit cost'), '45,50');
    await user.click(within(form).getByRole('button', { name: 'Create work order' }));
    expect(await screen.findByText('saved')).toBeInTheDocument();
    const post = api.calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({ title: 'Oil', notes: '', planId: 'p1', issueIds: ['i1'], assigneeId: 'op',
      lines: [{ kind: 'PART', description: 'Brake pads', quantity: 2, unitCost: 4550, currency: 'EUR' }] });
  });
});

describe('the workshop forms validate with the app\'s own messages', () => {
  const posts = () => api.calls.filter((c) => c.method === 'POST');

  it('reporting an issue needs what is wrong', async () => {
    const user = userEvent.setup();
    renderWithProviders(<MachineWorkPanel machine={machine} />);
    expectNoValidate(screen.getByLabelText('What is wrong'));
    await user.click(screen.getByRole('button', { name: 'Report an issue' }));
    expect(expectFieldError('What is wrong', 'Enter a title (up to 200 characters).')).toHaveFocus();
    expect(posts()).toEqual([]);
  });

  it('a work order needs a title, and each line a quantity, a cost and a currency', async () => {
    await i18n.changeLanguage('es');
    const user = userEvent.setup();
    renderWithProviders(<WorkOrderForm machine={machine} plans={[]} people={[owner]} />);
    const form = screen.getByTestId('work-order-form');
    expectNoValidate(form);
    const line = within(form).getByRole('group', { name: 'Línea 1' });
    await user.type(within(line).getByLabelText('Descripción'), 'Brake pads');
    await user.clear(within(line).getByLabelText('Cantidad'));
    await user.type(within(line).getByLabelText('Cantidad'), '0');
    await user.clear(within(line).getByLabelText('Moneda'));
    await user.type(within(line).getByLabelText('Moneda'), 'E');
    await user.click(within(form).getByRole('button', { name: 'Crear orden de trabajo' }));
    expect(expectFieldError('Título', 'Escribe un título')).toHaveFocus();
    expectFieldError('Cantidad', 'Escribe una cantidad mayor que 0.');
    expectFieldError('Moneda', 'Escribe un código de moneda de tres letras');
    expect(posts()).toEqual([]);
  });

  it('completing a work order takes an empty hour meter, not a wrong one', async () => {
    const user = userEvent.setup();
    renderWithProviders(
      <Routes>
        <Route path="/work-orders/:workOrderId" element={<WorkOrderDetailPage user={owner} people={[owner]} />} />
      </Routes>,
      { route: '/work-orders/w1' },
    );
    const hours = await screen.findByLabelText('Hour meter');
    expectNoValidate(hours);
    await user.type(hours, 'soon');
    await user.click(screen.getByRole('button', { name: 'Complete' }));
    expect(expectFieldError('Hour meter', 'Enter the hours as a number of 0 or more.')).toHaveFocus();
    expect(posts()).toEqual([]);
  });
});

describe('the machine page\'s issues, work orders and policy when they failed to load', () => {
  const retryIn = async (user: ReturnType<typeof userEvent.setup>, region: HTMLElement) => {
    const alert = await within(region).findByRole('alert');
    expect(alert).toHaveTextContent('Something went wrong on our side.');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
  };

  it('the open issues say so, and Try again lists them', async () => {
    failOnce.add('/api/v1/issues');
    const user = userEvent.setup();
    renderWithProviders(<MachineWorkPanel machine={machine} />);
    await retryIn(user, screen.getByTestId('machine-issues'));
    expect(await screen.findByRole('link', { name: /Brakes/ })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('the work orders say so, and Try again lists them', async () => {
    failOnce.add('/api/v1/work-orders');
    orders = [workOrder];
    const user = userEvent.setup();
    renderWithProviders(<MachineWorkPanel machine={machine} />);
    await retryIn(user, screen.getByTestId('machine-issues'));
    expect(await within(await screen.findByTestId('machine-work-orders')).findByRole('link', { name: 'Oil' })).toHaveAttribute('href', '/work-orders/w1');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('the owner\'s policy switch is not shown as "off" when it failed to load; Try again brings it', async () => {
    failOnce.add('/api/v1/machines/m1/issue-settings');
    const user = userEvent.setup();
    renderWithProviders(<MachineWorkPanel machine={machine} />);
    await waitFor(() => expect(screen.queryByRole('checkbox', { name: 'Operators may resolve issues of this machine' })).not.toBeInTheDocument());
    await retryIn(user, screen.getByTestId('machine-issues'));
    const toggle = await screen.findByRole('checkbox', { name: 'Operators may resolve issues of this machine' });
    await waitFor(() => expect(toggle).toBeEnabled());
    expect(toggle).not.toBeChecked();
  });
});
