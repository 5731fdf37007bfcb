// axe-core on every main page: no serious or critical violations.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { assignOperator, createMachine, makeContacts, publishSystemNotification, register, signIn } from './support/api';

test('the main pages have no serious or critical accessibility violations', async ({ browser }) => {
  const owner = await register('Alba Axe');
  const operator = await register('Bruno Axe');
  await makeContacts(owner, operator);
  const machine = await createMachine(owner, `Axe ${Date.now() % 10000}`);
  await assignOperator(owner, machine.id, operator);
  await publishSystemNotification(owner, 'Axe check');
  const context = await browser.newContext();
  await signIn(context, owner);
  const page = await context.newPage();
  const found: string[] = [];
  const pages = ['/login', '/', '/machines', `/machines/${machine.id}`, '/contacts', '/messages', `/messages/${operator.id}`, '/notifications',
    '/imports', '/issues', '/work-orders', '/settings'];
  for (const path of pages) {
    if (path === '/login') {
      const anon = await browser.newContext();
      const p = await anon.newPage();
      await p.goto(path);
      await expect(p.getByRole('button', { name: 'Sign in' })).toBeVisible();
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
