// axe-core on every main page: no serious or critical violations.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { assignOperator, createMachine, makeContacts, publishSystemNotification, register, signIn } from './support/api';

test('the main pages have no serious or critical accessibility violations', async ({ browser }) => {
  test.setTimeout(180_000); // 17 pages, each loaded and analysed: over a minute on a shared machine
  const owner = await register('Alba Axe');
  const operator = await register('Bruno Axe');
  await makeContacts(owner, operator);
  const machine = await createMachine(owner, `Axe ${Date.now() % 10000}`);
  await assignOperator(owner, machine.id, operator);
  await publishSystemNotification(owner, 'Axe check');
  // An issue and a work order, so their detail pages and the service history have something to show.
  const issueRes = await owner.api.post(`/api/v1/machines/${machine.id}/issues`, { data: { title: 'Hydraulic hose weeping', description: 'Left boom', severity: 'MEDIUM' } });
  expect(issueRes.status(), await issueRes.text()).toBe(201);
  const issue = (await issueRes.json()) as { id: string };
  const orderRes = await owner.api.post(`/api/v1/machines/${machine.id}/work-orders`, {
    data: { title: 'Replace hose', notes: '', issueIds: [issue.id], lines: [{ kind: 'PART', description: 'Hose', quantity: 1, unitCost: 4550, currency: 'EUR' }] },
  });
  expect(orderRes.status(), await orderRes.text()).toBe(201);
  const order = (await orderRes.json()) as { id: string };
  const context = await browser.newContext();
  await signIn(context, owner);
  const page = await context.newPage();
  const found: string[] = [];
  const pages = ['/login', '/register', '/', '/machines', `/machines/${machine.id}`, '/contacts', '/messages', `/messages/${operator.id}`, '/notifications',
    '/imports', '/issues', `/issues/${issue.id}`, '/work-orders', `/work-orders/${order.id}`, `/machines/${machine.id}/history`,
    `/machines/${machine.id}/work-orders/new`, '/settings'];
  for (const path of pages) {
    if (path === '/login' || path === '/register') {
      const anon = await browser.newContext();
      const p = await anon.newPage();
      await p.goto(path);
      await expect(p.getByRole('button', { name: path === '/login' ? 'Sign in' : 'Create account' })).toBeVisible();
      const r = await new AxeBuilder({ page: p }).analyze();
      found.push(...r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${path}: ${v.id} ${v.nodes.map((n) => n.target.join(" ") + " " + (n.any[0]?.message ?? "")).join(" | ")}`));
      await anon.close();
      continue;
    }
    await page.goto(path);
    await expect(page.getByRole('main')).toBeVisible();
    await page.waitForLoadState('networkidle').catch(() => {});
    await page.waitForTimeout(300);
    const r = await new AxeBuilder({ page }).analyze();
    found.push(...r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${path}: ${v.id} ${v.nodes.map((n) => n.target.join(" ") + " " + (n.any[0]?.message ?? "")).join(" | ")}`));
  }
  // The confirm dialog, open.
  await page.goto('/contacts');
  await page.getByRole('button', { name: 'Remove: Bruno Axe' }).click();
  await expect(page.getByRole('alertdialog')).toBeVisible();
  const dialog = await new AxeBuilder({ page }).analyze();
  found.push(...dialog.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `dialog: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`));
  await page.keyboard.press('Escape');
  expect(found).toEqual([]);
  await context.close();
});
