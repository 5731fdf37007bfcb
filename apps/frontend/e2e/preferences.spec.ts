import { expect, test } from '@playwright/test';
import { publishSystemNotification, register, signIn, unreadCount } from './support/api';
import { expectBadge, expectLive, snap } from './support/pages';

test('a type muted in the settings creates nothing; other tabs follow the change', async ({ browser }, testInfo) => {
  const ana = await register('Ana Muted');
  const ben = await register('Ben Asking');
  const ctx = await browser.newContext();
  await signIn(ctx, ana);
  const page = await ctx.newPage();
  const other = await ctx.newPage();
  await other.goto('/settings');
  await page.goto('/settings');
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expectLive(page);
  await expectLive(other);

  const inApp = page.getByRole('checkbox', { name: 'Contact requests: In app' });
  await expect(inApp).toBeChecked();
  await inApp.uncheck();
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/notifications/preferences') && r.request().method() === 'PUT');
  await page.getByRole('button', { name: 'Save preferences' }).click();
  expect((await saved).status()).toBe(200);
  await expect(page.getByText('Notification preferences saved.')).toBeVisible();
  // The other tab heard notification.preferences and shows the change.
  await expect(other.getByRole('checkbox', { name: 'Contact requests: In app' })).not.toBeChecked();
  await snap(page, testInfo, '01-contact-requests-muted');

  // Ben asks to be Ana's contact: the request is made, its notification is not.
  const req = await ben.api.post('/api/v1/contacts/requests', { data: { email: ana.email } });
  expect(req.status(), await req.text()).toBe(201);
  // A SYSTEM notification (never muted) published after it arrives; the muted one never came before it.
  await publishSystemNotification(ana, 'After the request');
  await expectBadge(page, 1);
  const list = await ana.api.get('/api/v1/notifications');
  const items = ((await list.json()) as { items: Array<{ type: string; title: string }> }).items;
  expect(items.map((n) => n.type)).toEqual(['SYSTEM']);
  expect(await unreadCount(ana)).toBe(1);
  await page.getByTestId('bell').click();
  await expect(page.getByTestId('inbox').getByText('After the request')).toBeVisible();
  await expect(page.getByTestId('inbox').getByText(/contact request/i)).toHaveCount(0);
  await snap(page, testInfo, '02-inbox-without-the-request');

  await ctx.close();
});
