// Journeys of issue 14 items 8 and 10: chat grouped per conversation, inbox filters and the
// dashboard's pinned alerts, and the outage banner with its retry button.
import { expect, test } from '@playwright/test';
import { makeContacts, publishSystemNotification, register, sendMessage, signIn, unreadCount } from './support/api';
import { start, stop } from './support/server';
import { expectBadge, expectLive, snap } from './support/pages';

test('messages of one conversation are one row in the bell; opening it goes to the chat and reads them all', async ({ browser }, testInfo) => {
  const ana = await register('Ana Group');
  const ben = await register('Ben Group');
  await makeContacts(ana, ben);
  await publishSystemNotification(ben, 'Fuel delivery at noon');
  const context = await browser.newContext();
  await signIn(context, ben);
  const page = await context.newPage();
  await page.goto('/');
  await expectLive(page);
  const before = await unreadCount(ben);

  for (const text of ['first', 'second', 'see you at eight']) await sendMessage(ana, ben, text);
  await expectBadge(page, before + 3);

  await page.getByTestId('bell').click();
  const inbox = page.getByTestId('inbox');
  const group = inbox.getByTestId('notification-group');
  await expect(group).toHaveCount(1);
  await expect(group).toContainText('3 messages from Ana Group');
  await expect(group).toContainText('see you at eight');
  await expect(group).toContainText('3 unread');
  await expect(inbox.getByText('Fuel delivery at noon')).toBeVisible();
  await snap(page, testInfo, '01-grouped-bell');

  await group.getByRole('button', { name: /3 messages from Ana Group/ }).first().click();
  await expect(page).toHaveURL(new RegExp(`/messages/${ana.id}$`));
  await expect(page.getByTestId('thread').getByText('see you at eight')).toBeVisible();
  await expectBadge(page, before);
  await expect.poll(() => unreadCount(ben), { timeout: 10_000 }).toBe(before);
  await context.close();
});

test('the inbox filters by priority and type, and the dashboard pins unread high-priority alerts', async ({ browser }, testInfo) => {
  const owner = await register('Fiona Filters');
  await publishSystemNotification(owner, 'Hydraulic leak reported', 'Sent by the journeys', 'HIGH');
  await publishSystemNotification(owner, 'Newsletter', 'Sent by the journeys', 'LOW');
  await publishSystemNotification(owner, 'Site closed tomorrow', 'Sent by the journeys', 'URGENT');
  const context = await browser.newContext();
  await signIn(context, owner);
  const page = await context.newPage();

  await page.goto('/');
  const pinned = page.getByTestId('pinned-alerts');
  await expect(pinned.getByText('Hydraulic leak reported')).toBeVisible();
  await expect(pinned.getByText('Site closed tomorrow')).toBeVisible();
  await expect(pinned.getByText('Newsletter')).toHaveCount(0);
  await snap(page, testInfo, '01-pinned');

  await page.goto('/notifications');
  const items = page.getByTestId('notification-item');
  await expect(items).toHaveCount(3);
  const filtered = page.waitForResponse((r) => r.url().includes('priority=HIGH%2CURGENT'));
  await page.getByLabel('Priority').selectOption({ label: 'High and urgent' });
  expect((await filtered).status()).toBe(200);
  await expect(items).toHaveCount(2);
  await expect(page.getByText('Newsletter')).toHaveCount(0);
  await expect(page).toHaveURL(/priority=HIGH%2CURGENT/);

  await page.getByLabel('Type').selectOption({ label: 'Messages' });
  await expect(page.getByText('You are all caught up.')).toBeVisible();
  await page.getByLabel('Type').selectOption({ label: 'System' });
  await expect(items).toHaveCount(2);

  // The filters live in the address: a reload keeps them.
  await page.reload();
  await expect(page.getByLabel('Priority')).toHaveValue('HIGH,URGENT');
  await expect(items).toHaveCount(2);

  // A bad value sent straight to the API is a 400 naming the field.
  const res = await page.request.get('/api/v1/notifications?priority=SOON');
  expect(res.status()).toBe(400);
  expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields.priority).toBeTruthy();
  await context.close();
});

test('while the server is down a banner says so with a countdown and a working Retry now; it goes when the server is back', async ({ browser }, testInfo) => {
  const user = await register('Rita Retry');
  await publishSystemNotification(user, 'Still here after the outage');
  const context = await browser.newContext();
  await signIn(context, user);
  const page = await context.newPage();
  await page.goto('/notifications');
  await expectLive(page);
  const banner = page.getByTestId('outage-banner');
  await expect(banner).toHaveCount(0);

  await stop();
  try {
    await expect(banner).toBeVisible({ timeout: 15_000 });
    await expect(banner).toContainText(/Retrying in \d+ s\./);
    // Trying now while it is still down asks the server again at once: the page's data cannot be
    // fetched, the banner says the server is unreachable, and the page itself stays.
    const asked = page.waitForRequest((r) => r.url().includes('/api/v1/notifications'));
    await banner.getByRole('button', { name: 'Retry now' }).click();
    await asked;
    await expect(banner).toContainText('The server cannot be reached.');
    await expect(page.getByRole('heading', { name: 'Notifications' })).toBeVisible();
    await snap(page, testInfo, '01-outage-banner');
  } finally {
    await start();
  }
  // Back: the banner goes by itself (its next try, or the stream's) and the data is there again.
  await expect(banner).toHaveCount(0, { timeout: 15_000 });
  await expectLive(page);
  await expect(page.getByTestId('notification-item').filter({ hasText: 'Still here after the outage' })).toBeVisible();
  await context.close();
});
