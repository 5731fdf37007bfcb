import { expect, test, type Page, type Request } from '@playwright/test';
import { adminAccount, publishSystemNotification, register, signIn } from '../support/api';
import { expectLive, snap } from '../support/pages';
import { readStack } from './stack';

const isStream = (r: Request) => r.url().includes('/api/v1/notifications/stream');

/** Open streams summed over both servers, read from each one's own /metrics (not through nginx). */
async function openStreamsOnServers(): Promise<number[]> {
  return Promise.all(
    readStack().instances.map(async (u) => {
      const text = await (await fetch(`${u}/metrics`)).text();
      const line = text.split('\n').find((l) => l.startsWith('fleetman_sse_open_streams '));
      return line ? Number(line.split(' ')[1]) : NaN;
    }),
  );
}

/** Publishes on one server directly, so that an update starts on a chosen instance. */
async function publishOn(instance: string, userId: string, title: string): Promise<void> {
  const admin = await adminAccount();
  const res = await fetch(`${instance}/api/v1/notifications`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${admin.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ userId, type: 'SYSTEM', title, message: 'Sent on one instance', priority: 'NORMAL' }),
  });
  expect(res.status, await res.text()).toBe(201);
}

test('behind nginx over HTTPS and HTTP/2, three tabs share one stream and stay live', async ({ browser }, testInfo) => {
  const user = await register('Nadia Nginx');
  const context = await browser.newContext();
  await signIn(context, user);

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
    const res = await page.goto(path);
    expect(res?.url()).toMatch(/^https:\/\//);
    await expectLive(page);
    // The page came over HTTP/2 through nginx.
    const protocol = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).nextHopProtocol);
    expect(protocol).toBe('h2');
    tabs.push(page);
  }
  await tabs[0]!.waitForTimeout(1500);
  expect(open.size, 'one stream for three tabs').toBe(1);
  await expect
    .poll(async () => (await openStreamsOnServers()).reduce((a, b) => a + b, 0), { timeout: 15_000, message: 'the servers hold one stream' })
    .toBe(1);

  // Updates published on either server reach every tab through the one proxied stream.
  const { instances } = readStack();
  for (const [i, instance] of instances.entries()) {
    const title = `Published on server ${i + 1}`;
    await publishOn(instance, user.id, title);
    for (const page of tabs) {
      await expect(page.getByTestId('toast').filter({ hasText: title })).toBeVisible({ timeout: 3000 });
    }
  }
  for (const page of tabs) await expect(page.getByTestId('unread-badge')).toHaveText('2');
  await snap(tabs[1]!, testInfo, '01-second-tab-behind-nginx');

  // A cookie-authenticated write through nginx (the origin is nginx's): every badge follows.
  for (const title of ['Published on server 1', 'Published on server 2']) {
    await tabs[1]!.getByTestId('notification-item').filter({ hasText: title }).getByRole('button', { name: /Mark read/ }).click();
  }
  for (const page of tabs) await expect(page.getByTestId('unread-badge')).toHaveCount(0);

  // The leading tab closes: another takes over, still one stream, still live.
  await tabs[0]!.close();
  for (const r of open) if (r.frame().page().isClosed()) open.delete(r);
  await expect.poll(() => open.size, { timeout: 10_000 }).toBe(1);
  await expectLive(tabs[1]!);
  await publishSystemNotification(user, 'After the leader left, through nginx');
  for (const page of tabs.slice(1)) {
    await expect(page.getByTestId('toast').filter({ hasText: 'After the leader left, through nginx' })).toBeVisible({ timeout: 5000 });
  }
  expect(open.size).toBe(1);
  await expect.poll(async () => (await openStreamsOnServers()).reduce((a, b) => a + b, 0), { timeout: 15_000 }).toBe(1);
  await snap(tabs[2]!, testInfo, '02-after-handover-behind-nginx');
  await context.close();
});
