import { expect, test } from '@playwright/test';
import { createMachine, register, signIn } from './support/api';
import { expectBadge, expectLive, snap } from './support/pages';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

test('a document expiring soon raises one alert, live', async ({ browser }, testInfo) => {
  const owner = await register('Olga Documents');
  const machine = await createMachine(owner, 'Roller R2');
  const ctx = await browser.newContext();
  await signIn(ctx, owner);
  const page = await ctx.newPage();
  await page.goto(`/machines/${machine.id}`);
  await expect(page.getByRole('heading', { name: 'Documents' })).toBeVisible();
  await expectLive(page);

  await page.getByLabel('Document', { exact: true }).selectOption('INSURANCE');
  await page.getByLabel('Number').fill('POL-77');
  await page.getByLabel('Expires on').fill(day(5));
  await page.getByRole('button', { name: 'Add document' }).click();
  await expect(page.getByTestId('document').filter({ hasText: 'POL-77' })).toContainText('Expires in 5 days');

  // One DOCUMENT_EXPIRY alert (the 7-day threshold, not also the 30-day one), live.
  await expectBadge(page, 1);
  await page.getByTestId('bell').click();
  await expect(page.getByTestId('inbox').getByText('Document expiring: Roller R2')).toHaveCount(1);
  await snap(page, testInfo, '01-document-alert');
  const list = await owner.api.get('/api/v1/notifications?type=DOCUMENT_EXPIRY');
  const items = ((await list.json()) as { items: Array<{ metadata: { threshold: number; status: string } }> }).items;
  expect(items.map((n) => [n.metadata.status, n.metadata.threshold])).toEqual([['DUE_SOON', 7]]);

  await ctx.close();
});
