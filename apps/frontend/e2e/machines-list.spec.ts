// The machines list: search (name, serial, brand, model), sort (name, hours, next service) and
// each machine's status / next service from one request, in English and Spanish, on a phone too.
import { expect, test, type Page } from '@playwright/test';
import { createMachine, register, signIn, type Account } from './support/api';
import { expectLive, snap } from './support/pages';

async function addPlan(owner: Account, machineId: string, name: string) {
  const res = await owner.api.post(`/api/v1/machines/${machineId}/maintenance-plans`, {
    data: { name, type: 'SERVICE', intervalHours: 250, dueSoonHours: 50 },
  });
  expect(res.status(), await res.text()).toBe(201);
}

async function reading(owner: Account, machineId: string, operatingHours: number) {
  const res = await owner.api.post(`/api/v1/machines/${machineId}/readings`, { data: { operatingHours } });
  expect(res.status(), await res.text()).toBe(201);
}

const names = (page: Page) => page.getByTestId('machine-table').getByRole('rowheader').getByRole('link');
const nextService = (page: Page, name: string) =>
  page.getByTestId('machine-row').filter({ has: page.getByRole('link', { name, exact: true }) }).getByTestId('next-service');

test('search, sort and the next service column of the machines list', async ({ browser }, testInfo) => {
  const owner = await register('Mara Machines');
  const late = await createMachine(owner, 'Atlas loader', 1000);
  const soon = await createMachine(owner, 'Zephyr roller', 1000);
  await createMachine(owner, 'Bison dumper', 5000);
  await addPlan(owner, late.id, 'Engine service');
  await addPlan(owner, soon.id, 'Roller service');
  await reading(owner, late.id, 1300); // due at 1250: 50 h overdue
  await reading(owner, soon.id, 1220); // due at 1250: 30 h left, inside the 50 h warning

  const context = await browser.newContext();
  await signIn(context, owner);
  const page = await context.newPage();
  const perMachine: string[] = [];
  page.on('request', (r) => {
    if (/\/api\/v1\/machines\/[^/]+\/maintenance-plans/.test(r.url())) perMachine.push(r.url());
  });
  await page.goto('/machines');
  await expectLive(page);

  await expect(names(page)).toHaveText(['Atlas loader', 'Bison dumper', 'Zephyr roller']);
  await expect(nextService(page, 'Atlas loader')).toContainText('Overdue');
  await expect(nextService(page, 'Atlas loader')).toContainText('Engine service');
  await expect(nextService(page, 'Atlas loader')).toContainText('50 h overdue');
  await expect(nextService(page, 'Zephyr roller')).toContainText('Due soon');
  await expect(nextService(page, 'Zephyr roller')).toContainText('30 h left');
  await expect(nextService(page, 'Bison dumper')).toContainText('No maintenance plans');

  await page.getByLabel('Sort by').selectOption({ label: 'Next service (soonest first)' });
  await expect(names(page)).toHaveText(['Atlas loader', 'Zephyr roller', 'Bison dumper']);
  await page.getByLabel('Sort by').selectOption({ label: 'Hours (most first)' });
  await expect(names(page)).toHaveText(['Bison dumper', 'Atlas loader', 'Zephyr roller']);

  await page.getByRole('searchbox', { name: 'Search' }).fill('zephyr');
  await expect(names(page)).toHaveText(['Zephyr roller']);
  await page.getByRole('searchbox', { name: 'Search' }).fill('caterpillar 320');
  await expect(names(page)).toHaveCount(3);
  await page.getByRole('searchbox', { name: 'Search' }).fill('');

  // The choice is in the address: a reload keeps it.
  await page.reload();
  await expect(page.getByLabel('Sort by')).toHaveValue('hours');
  await expect(names(page)).toHaveText(['Bison dumper', 'Atlas loader', 'Zephyr roller']);
  await snap(page, testInfo, '01-machines');

  // Spanish, at phone width: translated, and nothing wider than the screen.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('es');
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(nextService(page, 'Atlas loader')).toContainText('Vencido');
  await expect(nextService(page, 'Zephyr roller')).toContainText('Próximo');
  await expect(page.getByRole('searchbox', { name: 'Buscar' })).toBeVisible();
  await expect(page.getByLabel('Ordenar por')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await snap(page, testInfo, '02-machines-phone-es');

  expect(perMachine).toEqual([]);
  await context.close();
});
