import { expect, test, type Page } from '@playwright/test';
import { assignOperator, createMachine, makeContacts, register, signIn } from './support/api';
import { expectLive, snap } from './support/pages';

const tile = (page: Page, id: string) => page.getByTestId(id).locator('.tile__value');

test("two users' open dashboards follow each other's changes within a second", async ({ browser }, testInfo) => {
  const owner = await register('Dana Owner');
  const operator = await register('Otto Operator');
  await makeContacts(owner, operator);
  const machine = await createMachine(owner, `Dozer ${Date.now() % 10000}`, 100);
  await assignOperator(owner, machine.id, operator);
  const plan = await owner.api.post(`/api/v1/machines/${machine.id}/maintenance-plans`, {
    data: { name: 'Track tension', intervalHours: 50, dueSoonHours: 10 },
  });
  expect(plan.status()).toBe(201);
  const planId = ((await plan.json()) as { id: string }).id;

  const ownerCtx = await browser.newContext();
  const operatorCtx = await browser.newContext();
  await signIn(ownerCtx, owner);
  await signIn(operatorCtx, operator);
  const ownerPage = await ownerCtx.newPage();
  const operatorPage = await operatorCtx.newPage();
  const secondOwnerTab = await ownerCtx.newPage();
  for (const p of [ownerPage, operatorPage, secondOwnerTab]) {
    await p.goto('/');
    await expect(p.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
    await expectLive(p);
    await expect(tile(p, 'tile-machines')).toHaveText('1');
    await expect(tile(p, 'tile-due-soon')).toHaveText('0');
  }
  const live = { timeout: 1500 }; // within a second of the change, plus the test's own polling

  // The operator records a reading that crosses the margin: the owner's tabs follow.
  await operator.api.post(`/api/v1/machines/${machine.id}/readings`, { data: { operatingHours: 142 } });
  for (const p of [ownerPage, secondOwnerTab, operatorPage]) {
    await expect(tile(p, 'tile-due-soon')).toHaveText('1', live);
    await expect(p.getByTestId('attention-list')).toContainText(machine.name, live);
  }
  await snap(ownerPage, testInfo, '01-owner-due-soon');

  // The owner completes the maintenance: the operator's dashboard clears.
  await owner.api.post(`/api/v1/machines/${machine.id}/maintenance-plans/${planId}/complete`, { data: { notes: 'done' } });
  for (const p of [operatorPage, secondOwnerTab]) await expect(tile(p, 'tile-due-soon')).toHaveText('0', live);

  // A failed quick check by the operator: the owner's open-failures tile and list.
  await operator.api.post(`/api/v1/machines/${machine.id}/quick-checks`, {
    data: { items: [{ key: 'brake-pads', label: 'Brakes', status: 'FAILED', notes: 'worn' }] },
  });
  for (const p of [ownerPage, operatorPage]) {
    await expect(tile(p, 'tile-quick-check-failures')).toHaveText('1', live);
    await expect(p.getByTestId('quick-check-failures')).toContainText('Brakes', live);
  }
  await expect(ownerPage.getByText(`Quick check failed: ${machine.name}`).first()).toBeVisible(live);

  // The owner adds a machine and imports two more: every owner tab counts them.
  await createMachine(owner, 'Second dozer');
  await expect(tile(ownerPage, 'tile-machines')).toHaveText('2', live);
  await expect(tile(secondOwnerTab, 'tile-machines')).toHaveText('2', live);
  const form = { file: { name: 'two.csv', mimeType: 'text/csv', buffer: Buffer.from('serialNumber,name\nLIVE-A,Roller A\nLIVE-B,Roller B\n') } };
  const res = await owner.api.post('/api/v1/imports/machines', { multipart: form });
  expect(res.status(), await res.text()).toBe(202);
  await expect(tile(ownerPage, 'tile-machines')).toHaveText('4', { timeout: 3000 });
  await expect(tile(secondOwnerTab, 'tile-machines')).toHaveText('4', { timeout: 3000 });

  // The operator's dashboard is that of the machines they operate: still one.
  await expect(tile(operatorPage, 'tile-machines')).toHaveText('1');
  // Removing the operator empties their dashboard live.
  await owner.api.delete(`/api/v1/machines/${machine.id}/operators/${operator.id}`);
  await expect(tile(operatorPage, 'tile-machines')).toHaveText('0', live);
  await snap(operatorPage, testInfo, '02-operator-removed');
  await ownerCtx.close();
  await operatorCtx.close();
});

test("a scheduled alarm check, an import and a new machine reach the other user's open dashboard", async ({ browser }, testInfo) => {
  const owner = await register('Greta Owner');
  const operator = await register('Ivo Operator');
  await makeContacts(owner, operator);
  const serial = `SCHED-${Date.now() % 100000}`;
  const created = await owner.api.post('/api/v1/machines', { data: { serialNumber: serial, name: `Grader ${serial}`, operatingHours: 100 } });
  expect(created.status()).toBe(201);
  const machine = (await created.json()) as { id: string; name: string };
  await assignOperator(owner, machine.id, operator);
  const plan = await owner.api.post(`/api/v1/machines/${machine.id}/maintenance-plans`, {
    data: { name: 'Blade service', intervalHours: 50, dueSoonHours: 10 },
  });
  expect(plan.status()).toBe(201);

  const ownerCtx = await browser.newContext();
  const operatorCtx = await browser.newContext();
  await signIn(ownerCtx, owner);
  await signIn(operatorCtx, operator);
  const ownerPage = await ownerCtx.newPage();
  const operatorPage = await operatorCtx.newPage();
  const unread: number[] = [];
  for (const p of [ownerPage, operatorPage]) {
    await p.goto('/');
    await expect(p.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
    await expectLive(p);
    await expect(tile(p, 'tile-machines')).toHaveText('1');
    await expect(tile(p, 'tile-overdue')).toHaveText('0');
    await expect(tile(p, 'tile-unread')).toHaveText(/^\d+$/);
    unread.push(Number(await tile(p, 'tile-unread').textContent()));
  }
  const live = { timeout: 1500 };

  // The owner imports the machine's new hour-meter reading (onDuplicate=update): the import
  // touches a machine the operator operates, and checks no alarm; the scheduled check (every
  // second here) finds the plan overdue and alerts both.
  const form = {
    file: { name: 'hours.csv', mimeType: 'text/csv', buffer: Buffer.from(`serialNumber,name,operatingHours\n${serial},${machine.name},160\n`) },
    onDuplicate: 'update',
  };
  const res = await owner.api.post('/api/v1/imports/machines', { multipart: form });
  expect(res.status(), await res.text()).toBe(202);
  for (const [i, p] of [ownerPage, operatorPage].entries()) {
    await expect(tile(p, 'tile-overdue')).toHaveText('1', { timeout: 3000 });
    await expect(p.getByTestId('attention-list')).toContainText(machine.name, live);
    // The owner also gets the import's own notification; both get the alert.
    await expect(async () => expect(Number(await tile(p, 'tile-unread').textContent())).toBeGreaterThan(unread[i]!)).toPass({ timeout: 3000 });
    // Recent activity: the overdue alert is HIGH, so it is pinned at the top of the card.
    const recent = p.getByRole('region', { name: 'Latest notifications' });
    await expect(recent.getByTestId('pinned-alerts')).toContainText(`Maintenance overdue: ${machine.name}`, { timeout: 3000 });
  }
  await expect(ownerPage.getByRole('list', { name: 'Latest notifications' })).toContainText('Import finished: hours.csv', live);
  await expect(tile(operatorPage, 'tile-unread')).toHaveText(String(unread[1]! + 1));
  await snap(operatorPage, testInfo, '03-operator-scheduled-overdue');

  // The owner adds a machine and gives it to the operator: the operator's dashboard counts it.
  const second = await createMachine(owner, `Roller ${serial}`, 10);
  await expect(tile(ownerPage, 'tile-machines')).toHaveText('2', live);
  await expect(tile(operatorPage, 'tile-machines')).toHaveText('1');
  await assignOperator(owner, second.id, operator);
  await expect(tile(operatorPage, 'tile-machines')).toHaveText('2', live);
  await snap(operatorPage, testInfo, '04-operator-new-machine');
  await ownerCtx.close();
  await operatorCtx.close();
});
