import { expect, test, type Page } from '@playwright/test';
import { createMachine, makeContacts, register, signIn, type Account } from './support/api';
import { snap } from './support/pages';

async function plan(owner: Account, machineId: string, data: Record<string, unknown>) {
  const res = await owner.api.post(`/api/v1/machines/${machineId}/maintenance-plans`, { data });
  expect(res.status(), await res.text()).toBe(201);
}

test('every main page renders with data, on a desktop and on a phone', async ({ browser }, testInfo) => {
  const owner = await register('Diego Dueño');
  const mate = await register('Marta Mecánica');
  await makeContacts(owner, mate);
  const loader = await createMachine(owner, 'Wheel loader WL-7', 1200);
  await createMachine(owner, 'Compact excavator CX-2', 310);
  await plan(owner, loader.id, { name: '250 h service', type: 'SERVICE', intervalHours: 250, dueSoonHours: 50 });
  await plan(owner, loader.id, { name: 'Hydraulic filter', type: 'FILTER', intervalHours: 100, dueSoonHours: 20 });
  await plan(owner, loader.id, { name: 'Annual inspection', type: 'INSPECTION', intervalDays: 365, dueSoonDays: 30 });
  const reading = await owner.api.post(`/api/v1/machines/${loader.id}/readings`, { data: { operatingHours: 1420 } });
  expect(reading.status(), await reading.text()).toBe(201);
  for (const content of ['Morning! Is the loader free tomorrow?', 'Yes, after the filter change.']) {
    const from = content.startsWith('Yes') ? owner : mate;
    const to = from === owner ? mate : owner;
    const res = await from.api.post('/api/v1/messages', { data: { recipientId: to.id, content } });
    expect(res.status(), await res.text()).toBe(201);
  }

  const pages: Array<[string, string, (p: Page) => Promise<void>]> = [
    ['dashboard', '/', async (p) => {
      await expect(p.getByTestId('attention-list')).toContainText('Wheel loader WL-7');
      await expect(p.getByTestId('attention-list').getByTestId('plan-status').first()).toHaveText('Overdue');
    }],
    ['machines', '/machines', async (p) => expect(p.getByTestId('machine-table')).toContainText('Compact excavator CX-2')],
    ['machine', `/machines/${loader.id}`, async (p) => {
      await expect(p.getByTestId('plan')).toHaveCount(3);
      await expect(p.getByTestId('plan').filter({ hasText: 'Hydraulic filter' }).getByTestId('plan-status')).toHaveText('Overdue');
      await expect(p.getByTestId('plan').filter({ hasText: '250 h service' }).getByTestId('plan-status')).toHaveText('Due soon');
    }],
    ['contacts', '/contacts', async (p) => expect(p.getByTestId('contact-list')).toContainText('Marta Mecánica')],
    ['messages', `/messages/${mate.id}`, async (p) => expect(p.getByTestId('thread')).toContainText('after the filter change')],
    ['notifications', '/notifications', async (p) => expect(p.getByTestId('notification-item').first()).toBeVisible()],
  ];

  for (const [device, options] of [
    ['desktop', { viewport: { width: 1280, height: 800 } }],
    ['phone', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }],
  ] as const) {
    const context = await browser.newContext(options);
    await signIn(context, owner);
    const page = await context.newPage();
    for (const [name, path, check] of pages) {
      await page.goto(path);
      await check(page);
      await snap(page, testInfo, `${device}-${name}`);
    }
    if (device === 'phone') {
      // Every destination of the bottom bar can be reached and shows its whole label: the bar
      // scrolls sideways rather than cutting the last items off.
      const nav = page.getByRole('navigation', { name: /main/i });
      const links = nav.getByRole('link');
      const width = page.viewportSize()!.width;
      for (let i = 0; i < (await links.count()); i++) {
        const link = links.nth(i);
        await link.evaluate((el) => el.scrollIntoView({ block: 'nearest', inline: 'nearest' }));
        const box = (await link.boundingBox())!;
        expect(box.x, `link ${i}`).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width, `link ${i}`).toBeLessThanOrEqual(width + 1);
        const clipped = await link.evaluate((el) => el.scrollWidth > el.clientWidth + 1);
        expect(clipped, `label of link ${i}`).toBe(false);
      }
      await links.last().click();
      await expect(page).toHaveURL(/\/settings$/);
    }
    // The inbox fits the screen.
    await page.getByTestId('bell').click();
    const inbox = page.getByTestId('inbox');
    await expect(inbox.getByTestId('notification-item').first()).toBeVisible();
    const box = (await inbox.boundingBox())!;
    const width = page.viewportSize()!.width;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(width);
    await snap(page, testInfo, `${device}-inbox`);
    await context.close();
  }
});
