import { expect, test, type Page } from '@playwright/test';
import { assignOperator, createMachine, makeContacts, register, signIn } from './support/api';
import { expectLive, snap } from './support/pages';

const tile = (page: Page, id: string) => page.getByTestId(id).locator('.tile__value');

test('a failed check item becomes an issue that a work order resolves, completing the plan cycle, with the dashboard live', async ({ browser }, testInfo) => {
  test.slow(); // many steps across two browsers on a shared machine
  const owner = await register('Wanda Owner');
  const operator = await register('Oscar Operator');
  await makeContacts(owner, operator);
  const machine = await createMachine(owner, `Loader ${Date.now() % 10000}`, 100);
  await assignOperator(owner, machine.id, operator);
  const plan = await owner.api.post(`/api/v1/machines/${machine.id}/maintenance-plans`, {
    data: { name: 'Brake service', intervalHours: 50, dueSoonHours: 10 },
  });
  expect(plan.status()).toBe(201);
  const planId = ((await plan.json()) as { id: string }).id;
  // The machine runs past the plan's due point: the plan is overdue.
  expect((await operator.api.post(`/api/v1/machines/${machine.id}/readings`, { data: { operatingHours: 160 } })).status()).toBe(201);

  const ownerCtx = await browser.newContext();
  const operatorCtx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await signIn(ownerCtx, owner);
  await signIn(operatorCtx, operator);
  const dashboard = await ownerCtx.newPage();
  const ownerPage = await ownerCtx.newPage();
  const operatorPage = await operatorCtx.newPage();
  await dashboard.goto('/');
  await expect(dashboard.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expectLive(dashboard);
  await expect(tile(dashboard, 'tile-open-issues')).toHaveText('0');
  await expect(tile(dashboard, 'tile-overdue')).toHaveText('1');
  const live = { timeout: 3000 };

  // The operator's checklist: the brakes fail.
  await operatorPage.goto(`/machines/${machine.id}`);
  const form = operatorPage.getByTestId('quick-check-form');
  await expect(form.getByRole('group', { name: 'Brakes' })).toBeVisible();
  for (const group of await form.getByRole('group').all()) await group.getByLabel('Passed', { exact: true }).check();
  await form.getByRole('group', { name: 'Brakes' }).getByLabel('Failed').check();
  await form.getByLabel('Notes for Brakes').fill('Pedal goes to the floor');
  const posted = operatorPage.waitForResponse((r) => r.url().endsWith('/quick-checks') && r.request().method() === 'POST');
  await form.getByRole('button', { name: 'Submit quick check' }).click();
  expect((await posted).status()).toBe(201);
  // It is an issue on the machine at once, for the operator too.
  await expect(operatorPage.getByTestId('machine-issues').getByTestId('issue-row')).toContainText('Brakes', live);

  // The owner's dashboard counts it without a reload.
  await expect(tile(dashboard, 'tile-open-issues')).toHaveText('1', live);
  await snap(dashboard, testInfo, '01-owner-dashboard-open-issue');

  // The owner finds it among the fleet's issues and makes a work order of it and the overdue plan.
  await ownerPage.goto('/issues');
  const row = ownerPage.getByTestId('issue-row').filter({ hasText: 'Brakes' });
  await expect(row).toContainText(machine.name);
  await row.getByRole('link', { name: 'Brakes' }).click();
  await expect(ownerPage.getByRole('heading', { name: 'Brakes' })).toBeVisible();
  await expect(ownerPage.getByTestId('issue-description')).toHaveText('Pedal goes to the floor');
  await ownerPage.getByRole('link', { name: 'Create a work order' }).click();
  const wo = ownerPage.getByTestId('work-order-form');
  await wo.getByLabel('Title').fill('Brakes and service');
  await wo.getByLabel('Maintenance plan').selectOption(planId);
  await expect(wo.getByRole('checkbox', { name: 'Brakes' })).toBeChecked();
  await wo.getByLabel('Assignee').selectOption({ label: 'Oscar Operator' });
  const line = wo.getByRole('group', { name: 'Line 1' });
  await line.getByLabel('Kind').selectOption('PART');
  await line.getByLabel('Description').fill('Brake pads');
  await line.getByLabel('Quantity').fill('2');
  await line.getByLabel('Unit cost').fill('45.50');
  await snap(ownerPage, testInfo, '02-work-order-form');
  await wo.getByRole('button', { name: 'Create work order' }).click();
  await expect(ownerPage.getByRole('heading', { name: 'Brakes and service' })).toBeVisible();
  await expect(ownerPage.getByTestId('work-order-total')).toHaveText('€91.00');

  // Completing it at the meter resolves the issue and restarts the plan.
  await ownerPage.getByLabel('Hour meter').fill('162');
  await ownerPage.getByRole('button', { name: 'Complete' }).click();
  await expect(ownerPage.getByTestId('work-order-status')).toHaveText('Completed');
  await expect(ownerPage.getByTestId('work-order-completion')).toContainText('162');
  await snap(ownerPage, testInfo, '03-work-order-completed');

  // The other tab's dashboard follows: no open issue, no overdue plan.
  await expect(tile(dashboard, 'tile-open-issues')).toHaveText('0', live);
  await expect(tile(dashboard, 'tile-overdue')).toHaveText('0', live);

  const plans = await owner.api.get(`/api/v1/machines/${machine.id}/maintenance-plans`);
  const [p] = (await plans.json()) as Array<{ status: string; nextDueHours: number; lastCompletedHours: number }>;
  expect(p).toMatchObject({ status: 'OK', lastCompletedHours: 162, nextDueHours: 212 });

  // The issue says who resolved it, by which work order; the reporter was told.
  await ownerPage.goto('/issues');
  await ownerPage.getByLabel('Status').selectOption('RESOLVED');
  await ownerPage.getByTestId('issue-row').filter({ hasText: 'Brakes' }).getByRole('link').click();
  await expect(ownerPage.getByTestId('issue-status')).toHaveText('Resolved');
  await expect(ownerPage.getByTestId('issue-steps')).toContainText('Resolved by Wanda Owner');
  const inbox = await operator.api.get('/api/v1/notifications?type=ISSUE');
  const { items } = (await inbox.json()) as { items: Array<{ title: string }> };
  expect(items.map((n) => n.title)).toEqual(['notification.issueResolved.title']);

  // The service history has the work order and its cost.
  await ownerPage.goto(`/machines/${machine.id}/history`);
  await expect(ownerPage.getByTestId('history-work-orders')).toContainText('Brakes and service');
  await expect(ownerPage.getByTestId('history-total')).toHaveText('€91.00');
  await snap(ownerPage, testInfo, '04-service-history');

  await ownerCtx.close();
  await operatorCtx.close();
});
