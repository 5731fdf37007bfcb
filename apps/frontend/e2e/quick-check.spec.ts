import { expect, test } from '@playwright/test';
import { assignOperator, createMachine, makeContacts, register, signIn, unreadCount } from './support/api';
import { badge, expectLive, snap } from './support/pages';

test("an operator's failed quick check reaches the owner live as a HIGH alert", async ({ browser }, testInfo) => {
  const owner = await register('Olga Owner');
  const operator = await register('Pablo Operator');
  await makeContacts(owner, operator);
  const machine = await createMachine(owner, `Excavator ${Date.now() % 10000}`);
  await assignOperator(owner, machine.id, operator);

  const ownerCtx = await browser.newContext();
  const operatorCtx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await signIn(ownerCtx, owner);
  await signIn(operatorCtx, operator);
  const ownerPage = await ownerCtx.newPage();
  const operatorPage = await operatorCtx.newPage();

  await ownerPage.goto('/');
  await expect(ownerPage.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expectLive(ownerPage);
  // The owner already has the "contact accepted" notification.
  const before = await unreadCount(owner);

  // The operator, on a phone, fills in the checklist: the brakes fail.
  await operatorPage.goto(`/machines/${machine.id}`);
  await expect(operatorPage.getByRole('heading', { name: machine.name })).toBeVisible();
  const form = operatorPage.getByTestId('quick-check-form');
  // Every item starts unanswered: the operator looks at each one.
  for (const group of await form.getByRole('group').all()) await group.getByLabel('Passed', { exact: true }).check();
  await form.getByRole('group', { name: 'Brakes' }).getByLabel('Failed').check();
  await form.getByLabel('Notes for Brakes').fill('Left pedal goes soft');
  await snap(operatorPage, testInfo, '01-operator-checklist');
  const posted = operatorPage.waitForResponse((r) => r.url().endsWith('/quick-checks') && r.request().method() === 'POST');
  await form.getByRole('button', { name: 'Submit quick check' }).click();
  expect((await posted).status()).toBe(201);

  // The owner is told at once, with a HIGH alert.
  const toast = ownerPage.getByTestId('toast').filter({ hasText: `Quick check failed: ${machine.name}` });
  await expect(toast).toBeVisible({ timeout: 2000 });
  await expect(toast).toContainText('Pablo Operator');
  await expect(toast).toContainText('Brakes');
  await expect(badge(ownerPage)).toHaveText(String(before + 1));
  await ownerPage.getByTestId('bell').click();
  const item = ownerPage.getByTestId('inbox').getByTestId('notification-item').filter({ hasText: `Quick check failed: ${machine.name}` });
  await expect(item).toBeVisible();
  await expect(item.getByText('High')).toBeVisible();
  await snap(ownerPage, testInfo, '02-owner-alert');

  // Opening it leads to the machine, where the failed check is listed.
  await item.getByRole('button', { name: new RegExp(`^(Unread: )?Quick check failed: ${machine.name}`) }).click();
  await expect(ownerPage).toHaveURL(new RegExp(`/machines/${machine.id}$`));
  await expect(ownerPage.getByTestId('quick-check-history')).toContainText('1 item failed: Brakes');
  if (before === 0) await expect(badge(ownerPage)).toHaveCount(0);
  else await expect(badge(ownerPage)).toHaveText(String(before));
  await snap(ownerPage, testInfo, '03-owner-machine');

  await ownerCtx.close();
  await operatorCtx.close();
});
