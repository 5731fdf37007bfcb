import { expect, test, type Page, type Request } from '@playwright/test';
import { baseURL, publishSystemNotification, register, signIn } from './support/api';
import { expectLive, snap } from './support/pages';

const isStream = (r: Request) => r.url().includes('/api/v1/notifications/stream');

/** The server's own count of open streams (journeys run one at a time, so they are ours). */
async function serverOpenStreams(): Promise<number> {
  const text = await (await fetch(`${baseURL()}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('fleetman_sse_open_streams '));
  return line ? Number(line.split(' ')[1]) : NaN;
}

test('three tabs of one user hold one stream between them', async ({ browser }, testInfo) => {
  const user = await register('Tomas Tabs');
  const context = await browser.newContext();
  await signIn(context, user);

  // Count the streams the browser holds open across all its tabs.
  const open = new Set<Request>();
  context.on('request', (r) => {
    if (isStream(r)) open.add(r);
  });
  const closed = (r: Request) => open.delete(r);
  context.on('requestfinished', closed);
  context.on('requestfailed', closed);

  const tabs: Page[] = [];
  for (const path of ['/', '/notifications', '/machines']) {
    const page = await context.newPage();
    await page.goto(path);
    await expectLive(page);
    tabs.push(page);
  }
  await tabs[0]!.waitForTimeout(1500);
  expect(open.size, 'one stream for three tabs').toBe(1);
  await expect.poll(serverOpenStreams, { timeout: 15_000, message: 'the server holds one stream' }).toBe(1);

  // Every tab shows a new notification, delivered through that one stream.
  await publishSystemNotification(user, 'Shared by every tab');
  for (const page of tabs) {
    await expect(page.getByTestId('toast').filter({ hasText: 'Shared by every tab' })).toBeVisible({ timeout: 3000 });
    await expect(page.getByTestId('unread-badge')).toHaveText('1');
  }
  await snap(tabs[1]!, testInfo, '01-second-tab');

  // Reading it in one tab clears the badge in all of them.
  await tabs[1]!.getByTestId('notification-item').filter({ hasText: 'Shared by every tab' }).getByRole('button', { name: /Mark read/ }).click();
  for (const page of tabs) await expect(page.getByTestId('unread-badge')).toHaveCount(0);

  // The leading tab closes: another tab takes over, still with one stream.
  await tabs[0]!.close();
  for (const r of open) if (r.frame().page().isClosed()) open.delete(r);
  await expect.poll(() => open.size, { timeout: 10_000 }).toBe(1);
  await expectLive(tabs[1]!);
  await publishSystemNotification(user, 'After the leader left');
  for (const page of tabs.slice(1)) {
    await expect(page.getByTestId('toast').filter({ hasText: 'After the leader left' })).toBeVisible({ timeout: 5000 });
  }
  expect(open.size).toBe(1);
  await expect.poll(serverOpenStreams, { timeout: 15_000 }).toBe(1);
  await snap(tabs[2]!, testInfo, '02-after-handover');
  await context.close();
});
