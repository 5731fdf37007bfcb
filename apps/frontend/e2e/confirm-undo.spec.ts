// Deleting a notification and removing a contact ask in the app's own dialog, and can be
// undone for a few seconds: Undo really restores (a reload still shows it), and without Undo
// the change reaches the server (another tab sees it go).
import { expect, test } from '@playwright/test';
import { makeContacts, publishSystemNotification, register, signIn } from './support/api';
import { expectBadge, expectLive, snap } from './support/pages';

test('a notification deleted with Undo is restored; one deleted without it is gone in another tab', async ({ browser }, testInfo) => {
  const user = await register('Uma Undo');
  await publishSystemNotification(user, 'Keep me after all');
  await publishSystemNotification(user, 'Really delete me');
  const context = await browser.newContext();
  await signIn(context, user);
  const tab1 = await context.newPage();
  const tab2 = await context.newPage();
  let dialogs = 0;
  tab1.on('dialog', () => void dialogs++);
  await tab1.goto('/notifications');
  await tab2.goto('/notifications');
  await expectLive(tab1);
  await expectLive(tab2);
  const keep1 = tab1.getByTestId('notification-item').filter({ hasText: 'Keep me after all' });
  await expect(keep1).toBeVisible();
  await expectBadge(tab1, 2);

  // Delete, then Undo: back at once, and still there after a reload (nothing was deleted).
  const opener = keep1.getByRole('button', { name: 'Delete notification: Keep me after all' });
  await opener.click();
  const dialog = tab1.getByRole('alertdialog', { name: 'Delete this notification?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await snap(tab1, testInfo, '01-confirm');
  await tab1.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
  await opener.click();
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(keep1).toHaveCount(0);
  await expectBadge(tab1, 1);
  await tab1.getByTestId('toast').filter({ hasText: 'Notification deleted.' }).getByRole('button', { name: 'Undo' }).click();
  await expect(keep1).toBeVisible();
  await expectBadge(tab1, 2);
  await tab1.waitForTimeout(6000); // past the undo window: nothing may be sent now
  await tab1.reload();
  await expect(tab1.getByTestId('notification-item').filter({ hasText: 'Keep me after all' })).toBeVisible();
  await expect(tab2.getByTestId('notification-item').filter({ hasText: 'Keep me after all' })).toBeVisible();

  // Delete without Undo: the other tab sees it go once the window has passed.
  await expectLive(tab1);
  await tab1.getByRole('button', { name: 'Delete notification: Really delete me' }).click();
  await tab1.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
  await expect(tab1.getByTestId('notification-item').filter({ hasText: 'Really delete me' })).toHaveCount(0);
  await expect(tab2.getByTestId('notification-item').filter({ hasText: 'Really delete me' })).toHaveCount(0, { timeout: 10_000 });
  await expectBadge(tab2, 1);
  expect(dialogs).toBe(0); // no window.confirm
  await context.close();
});

test('a contact removed with Undo stays a contact; one removed without it is gone for both', async ({ browser }, testInfo) => {
  const uma = await register('Uma Contacts');
  const vic = await register('Vic Kept');
  const wes = await register('Wes Removed');
  await makeContacts(uma, vic);
  await makeContacts(uma, wes);
  const ctxU = await browser.newContext();
  const ctxW = await browser.newContext();
  await signIn(ctxU, uma);
  await signIn(ctxW, wes);
  const page = await ctxU.newPage();
  await page.goto('/contacts');
  await expectLive(page);
  const list = page.getByTestId('contact-list');
  await expect(list).toContainText('Vic Kept');

  await list.getByRole('button', { name: 'Remove: Vic Kept' }).click();
  await page.getByRole('alertdialog', { name: 'Remove Vic Kept from your contacts?' }).getByRole('button', { name: 'Remove' }).click();
  await expect(list).not.toContainText('Vic Kept');
  await snap(page, testInfo, '02-undo-toast');
  await page.getByTestId('toast').filter({ hasText: 'Vic Kept was removed' }).getByRole('button', { name: 'Undo' }).click();
  await expect(list).toContainText('Vic Kept');
  await page.waitForTimeout(6000); // past the undo window
  await page.reload();
  await expect(page.getByTestId('contact-list')).toContainText('Vic Kept');

  await page.getByTestId('contact-list').getByRole('button', { name: 'Remove: Wes Removed' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByTestId('contact-list')).not.toContainText('Wes Removed');
  // Wes's own list loses Uma once the removal reached the server.
  const pageW = await ctxW.newPage();
  await expect(async () => {
    await pageW.goto('/contacts');
    await expect(pageW.getByText('No contacts yet.')).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 15_000 });
  await ctxU.close();
  await ctxW.close();
});
