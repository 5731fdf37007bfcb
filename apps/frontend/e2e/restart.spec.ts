import { expect, test } from '@playwright/test';
import { publishSystemNotification, register, signIn } from './support/api';
import { restart } from './support/server';
import { expectLive, snap } from './support/pages';

test('the server restarts while the page is open: it reconnects by itself and shows what it missed, once each', async ({ browser }, testInfo) => {
  const user = await register('Rita Restart');
  const context = await browser.newContext();
  await signIn(context, user);
  const page = await context.newPage();
  await page.goto('/notifications');
  await expect(page.getByRole('heading', { name: 'Notifications' })).toBeVisible();
  await expectLive(page);

  // One live notification first, so the page has a last event id to resume from.
  const seen = await publishSystemNotification(user, 'Before the restart');
  await expect(page.getByTestId('notification-item').filter({ hasText: 'Before the restart' })).toHaveCount(1);

  // Record how the page asks for the stream again.
  const resumes: string[] = [];
  page.on('request', async (r) => {
    if (!r.url().includes('/api/v1/notifications/stream')) return;
    const header = (await r.allHeaders())['last-event-id'];
    resumes.push(new URL(r.url()).searchParams.get('lastEventId') ?? header ?? '');
  });

  // Watch, from inside the page, for the moment it notices the server is gone.
  const noticed = page.waitForFunction(
    () => document.querySelector('[data-testid="stream-status"]')?.getAttribute('data-status') !== 'open',
    undefined,
    { polling: 50, timeout: 20_000 },
  );

  // Stop the server, keep it down a moment (the page backs off), start it again on the same
  // port and store, and create notifications before the page is back.
  await restart(1500);
  await noticed;
  const titles = ['Missed one', 'Missed two', 'Missed three'];
  for (const title of titles) await publishSystemNotification(user, title);

  await expectLive(page, 30_000);
  const list = page.getByTestId('notification-item');
  for (const title of titles) {
    await expect(list.filter({ hasText: title })).toHaveCount(1, { timeout: 30_000 });
  }
  await expect(list.filter({ hasText: 'Before the restart' })).toHaveCount(1);
  // Each shows up once in the toasts as well, after a moment to let any duplicate arrive.
  await page.waitForTimeout(1500);
  for (const title of titles) {
    await expect(list.filter({ hasText: title })).toHaveCount(1);
    expect(await page.getByTestId('toast').filter({ hasText: title }).count()).toBeLessThanOrEqual(1);
  }
  // It resumed from the last notification it had seen, so the server replayed what it missed.
  expect(resumes).toContain(seen.id);
  await snap(page, testInfo, '01-after-restart');

  // And the stream is live again: a new notification arrives without a reload.
  await publishSystemNotification(user, 'After the restart');
  await expect(list.filter({ hasText: 'After the restart' })).toHaveCount(1, { timeout: 3000 });
  await context.close();
});

test('a stream refused with 401 stops for good and the app shows the sign-in page', async ({ browser }, testInfo) => {
  const user = await register('Sergio Session');
  const context = await browser.newContext();
  await signIn(context, user);
  const page = await context.newPage();
  await page.goto('/machines');
  await expectLive(page);

  // The session goes away (cookie gone), then the stream has to reconnect.
  await context.clearCookies();
  let streamsAfter = 0;
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/notifications/stream')) streamsAfter++;
  });
  await restart();

  await expect(page).toHaveURL(/\/login$/, { timeout: 20_000 });
  await expect(page.getByText('Your session has ended. Please sign in again.')).toBeVisible();
  await snap(page, testInfo, '01-session-ended');
  const attempts = streamsAfter;
  await page.waitForTimeout(3000);
  expect(streamsAfter, 'no stream is retried after a 401').toBe(attempts);
  await context.close();
});
