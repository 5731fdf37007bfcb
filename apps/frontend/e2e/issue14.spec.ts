// Journeys of issue 14: nothing lost while offline, role-aware actions, honest quick checks,
// an inbox that stays in sync, quick reconnects, deep links and compressed assets.
import { expect, test, type Page } from '@playwright/test';
import { assignOperator, baseURL, createMachine, makeContacts, publishSystemNotification, register, signIn, unreadCount } from './support/api';
import { restart, start, stop } from './support/server';
import { expectBadge, expectLive, snap } from './support/pages';

async function answerAll(page: Page, answer: string) {
  const form = page.getByTestId('quick-check-form');
  await expect(form.getByRole('group')).toHaveCount(7);
  for (const group of await form.getByRole('group').all()) await group.getByLabel(answer, { exact: true }).check();
}

test('an inbox action taken while the server is down is queued, shown pending, and sent when it is back', async ({ browser }, testInfo) => {
  const user = await register('Olivia Offline');
  await publishSystemNotification(user, 'Read me offline');
  const context = await browser.newContext();
  await signIn(context, user);
  const page = await context.newPage();
  await page.goto('/notifications');
  await expectLive(page);
  const item = page.getByTestId('notification-item').filter({ hasText: 'Read me offline' });
  await expect(item).toBeVisible();
  const before = await unreadCount(user);
  await expectBadge(page, before);

  await stop();
  try {
    await item.getByRole('button', { name: 'Mark read: Read me offline' }).click();
    // Never silently undone: it stays read, the badge drops, and it says it is waiting.
    await expect(item.getByTestId('pending-sync')).toBeVisible();
    await expect(page.getByTestId('toast').filter({ hasText: 'it will be sent when the server is back' })).toBeVisible();
    await expectBadge(page, before - 1);
    await page.waitForTimeout(1500);
    await expect(item.getByTestId('pending-sync')).toBeVisible();
    await snap(page, testInfo, '01-pending');
  } finally {
    await start();
  }
  await expectLive(page, 15_000);
  await expect(item.getByTestId('pending-sync')).toHaveCount(0, { timeout: 10_000 });
  await expect.poll(() => unreadCount(user), { timeout: 10_000 }).toBe(before - 1);
  await expectBadge(page, before - 1);
  await context.close();
});

test('an operator is not offered owner actions; the owner is', async ({ browser }) => {
  const owner = await register('Omar Owner');
  const operator = await register('Pia Operator');
  await makeContacts(owner, operator);
  const machine = await createMachine(owner, `Loader ${Date.now() % 10000}`);
  await assignOperator(owner, machine.id, operator);
  const plan = await owner.api.post(`/api/v1/machines/${machine.id}/maintenance-plans`, { data: { name: 'Grease pins', intervalHours: 50 } });
  expect(plan.status()).toBe(201);

  const opCtx = await browser.newContext();
  await signIn(opCtx, operator);
  const opPage = await opCtx.newPage();
  await opPage.goto(`/machines/${machine.id}`);
  await expect(opPage.getByText('Grease pins')).toBeVisible();
  await expect(opPage.getByTestId('quick-check-form')).toBeVisible();
  await expect(opPage.getByRole('button', { name: /Mark done/ })).toHaveCount(0);
  await expect(opPage.getByRole('button', { name: /Add plan/ })).toHaveCount(0);
  await expect(opPage.getByRole('button', { name: 'Delete machine' })).toHaveCount(0);

  const ownerCtx = await browser.newContext();
  await signIn(ownerCtx, owner);
  const ownerPage = await ownerCtx.newPage();
  await ownerPage.goto(`/machines/${machine.id}`);
  await expect(ownerPage.getByRole('button', { name: 'Mark done: Grease pins' })).toBeVisible();
  await expect(ownerPage.getByRole('button', { name: 'Delete machine' })).toBeVisible();
  await opCtx.close();
  await ownerCtx.close();
});

test('an unanswered quick check is refused by the page and by the server, naming the item', async ({ browser }) => {
  const owner = await register('Quentin Quick');
  const machine = await createMachine(owner, `Dozer ${Date.now() % 10000}`);
  const context = await browser.newContext();
  await signIn(context, owner);
  const page = await context.newPage();
  let posts = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/quick-checks')) posts++;
  });
  await page.goto(`/machines/${machine.id}`);
  const form = page.getByTestId('quick-check-form');
  await expect(form.getByRole('radio', { checked: true })).toHaveCount(0);
  await form.getByRole('button', { name: 'Submit quick check' }).click();
  await expect(form.getByTestId('quick-check-incomplete')).toHaveText('7 items still need an answer.');
  await expect(form.getByText('Brakes: choose Passed, Failed or N/A.')).toBeVisible();
  expect(posts).toBe(0);

  // The server holds the same rule.
  const res = await owner.api.post(`/api/v1/machines/${machine.id}/quick-checks`, {
    data: { templateVersion: 1, items: [{ key: 'engineOil', status: 'PASSED' }] },
  });
  expect(res.status()).toBe(400);
  expect(JSON.stringify(await res.json())).toContain('hydraulics');
  await context.close();
});

test("an English owner reads a Spanish operator's failed check in English, notes included", async ({ browser }) => {
  const owner = await register('Emma English');
  const operator = await register('Sergio Spanish');
  await makeContacts(owner, operator);
  const machine = await createMachine(owner, `Grúa ${Date.now() % 10000}`);
  await assignOperator(owner, machine.id, operator);

  const ownerCtx = await browser.newContext({ locale: 'en-US' });
  await signIn(ownerCtx, owner);
  const ownerPage = await ownerCtx.newPage();
  await ownerPage.goto('/');
  await expectLive(ownerPage);

  const opCtx = await browser.newContext({ locale: 'es-ES' });
  await signIn(opCtx, operator);
  const opPage = await opCtx.newPage();
  await opPage.goto(`/machines/${machine.id}`);
  await answerAll(opPage, 'Correcto');
  const tyres = opPage.getByTestId('quick-check-form').getByRole('group', { name: 'Neumáticos u orugas' });
  await tyres.getByLabel('Fallo', { exact: true }).check();
  await opPage.getByLabel('Notas sobre Neumáticos u orugas').fill('Pinchazo en la rueda delantera');
  await opPage.getByRole('button', { name: 'Enviar revisión' }).click();
  await expect(opPage.getByTestId('quick-check-entry').first()).toContainText('Neumáticos u orugas');

  const toast = ownerPage.getByTestId('toast').filter({ hasText: `Quick check failed: ${machine.name}` });
  await expect(toast).toBeVisible();
  await expect(toast).toContainText('Tyres or tracks');
  await expect(toast).toContainText('Pinchazo en la rueda delantera');
  await expect(toast).not.toContainText('Neumáticos');
  await ownerPage.goto(`/machines/${machine.id}`);
  const entry = ownerPage.getByTestId('quick-check-entry').first();
  await expect(entry).toContainText('1 item failed: Tyres or tracks');
  await expect(entry).toContainText('Tyres or tracks: Pinchazo en la rueda delantera');
  await expect(entry).toContainText('Sergio Spanish');
  await ownerCtx.close();
  await opCtx.close();
});

test('a notification deleted in one tab leaves the other', async ({ browser }) => {
  const user = await register('Tess Tabs');
  await publishSystemNotification(user, 'Delete me everywhere');
  const context = await browser.newContext();
  await signIn(context, user);
  const tab1 = await context.newPage();
  const tab2 = await context.newPage();
  await tab1.goto('/notifications');
  await tab2.goto('/notifications');
  await expectLive(tab1);
  await expectLive(tab2);
  const in2 = tab2.getByTestId('notification-item').filter({ hasText: 'Delete me everywhere' });
  await expect(in2).toBeVisible();
  await expectBadge(tab2, 1);
  await tab1.getByRole('button', { name: 'Delete notification: Delete me everywhere' }).click();
  await tab1.getByRole('alertdialog', { name: 'Delete this notification?' }).getByRole('button', { name: 'Delete' }).click();
  // Sent when the undo window (5 s) has passed; then the other tab drops it.
  await expect(in2).toHaveCount(0, { timeout: 10_000 });
  await expectBadge(tab2, 0);
  await context.close();
});

test('after a graceful shutdown the page is back within about a second; what it missed comes with one summary toast', async ({ browser }) => {
  const user = await register('Remy Reconnect');
  const context = await browser.newContext();
  await signIn(context, user);
  const page = await context.newPage();
  await page.goto('/');
  await expectLive(page);
  await publishSystemNotification(user, 'Seen live');
  await expect(page.getByTestId('toast').filter({ hasText: 'Seen live' })).toBeVisible();

  // Graceful restart: the server sends `shutdown`; once it is ready again the page reconnects soon.
  await restart();
  const ready = Date.now();
  await expectLive(page, 5000);
  expect(Date.now() - ready).toBeLessThan(1500);

  // Missed while the stream is cut (the page cannot reach it), then replayed on return.
  await page.route('**/api/v1/notifications/stream**', (route) => route.abort());
  await restart();
  for (const t of ['Missed A', 'Missed B', 'Missed C']) await publishSystemNotification(user, t);
  await page.unroute('**/api/v1/notifications/stream**');
  await expectLive(page, 15_000);
  await expect(page.getByTestId('toast').filter({ hasText: '3 notifications while you were offline' })).toBeVisible({ timeout: 5000 });
  await expect(page.getByTestId('toast').filter({ hasText: 'Missed A' })).toHaveCount(0);
  await context.close();
});

test('a deep link is kept through sign-in', async ({ browser }) => {
  const owner = await register('Dana Deeplink');
  const machine = await createMachine(owner, `Roller ${Date.now() % 10000}`);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`/machines/${machine.id}`);
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel('Email').fill(owner.email);
  await page.getByLabel('Password').fill('correct-horse-battery');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(`/machines/${machine.id}$`));
  await expect(page.getByRole('heading', { name: machine.name })).toBeVisible();
  await context.close();
});

test('assets and JSON are compressed; source maps are not served', async ({ request }) => {
  const gz = { 'Accept-Encoding': 'gzip' };
  const index = await request.get(`${baseURL()}/`, { headers: gz });
  expect(index.headers()['content-encoding']).toBe('gzip');
  expect(index.headers()['cache-control']).toBe('no-cache');
  const html = await index.text();
  const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  expect(script).toBeTruthy();
  const js = await request.get(`${baseURL()}${script}`, { headers: gz });
  expect(js.headers()['content-encoding']).toBe('gzip');
  expect(js.headers()['cache-control']).toContain('max-age=31536000');
  expect(await js.text()).not.toContain('sourceMappingURL');
  expect((await request.get(`${baseURL()}${script}.map`)).status()).toBe(404);
});
