import { expect, test } from '@playwright/test';
import { register, signIn } from './support/api';
import { expectLive, snap } from './support/pages';

/** 6,000 rows (an import that lasts long enough for the stream to move the bar: a 2,000-row one is
 * done in a fifth of a second), a few of them bad (negative hours, a plan with no interval, a duplicate serial, no name). */
function fleetFile(prefix: string): { csv: string; bad: number[] } {
  const lines = ['serialNumber,name,brand,model,type,operatingHours,plan1Name,plan1IntervalHours,plan1IntervalDays'];
  const bad: number[] = [];
  for (let i = 0; i < 6000; i++) {
    const row = i + 2; // the header is row 1
    if (i === 17) {
      lines.push(`${prefix}-${i},Broken hours,Cat,320,excavator,-40,,,`);
      bad.push(row);
    } else if (i === 503) {
      lines.push(`${prefix}-${i},No interval,Cat,320,excavator,10,Oil,,`);
      bad.push(row);
    } else if (i === 1200) {
      lines.push(`${prefix}-0,Duplicate of the first,Cat,320,excavator,10,,,`);
      bad.push(row);
    } else if (i === 5999) {
      lines.push(`${prefix}-${i},,Cat,320,excavator,10,,,`);
      bad.push(row);
    } else {
      lines.push(`${prefix}-${i},Loader ${prefix} ${i},Volvo,L60H,loader,${i},Engine oil,250,180`);
    }
  }
  return { csv: lines.join('\n') + '\n', bad };
}

test('importing a 6,000-row file: the bar moves with the stream, the bad rows are listed, the machines are there', async ({ browser }, testInfo) => {
  const owner = await register('Iris Importer');
  const ctx = await browser.newContext();
  await signIn(ctx, owner);
  const page = await ctx.newPage();
  await page.goto('/imports');
  await expect(page.getByRole('heading', { name: 'Import machines' })).toBeVisible();
  await expectLive(page);

  const prefix = `IMP${Date.now() % 100000}`;
  const { csv, bad } = fleetFile(prefix);
  await page.getByLabel('CSV or XLSX file').setInputFiles({ name: 'fleet.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByLabel('Report an error').check();
  // Every progress event that reaches the page is one the stream carried.
  const progressSeen: number[] = [];
  await page.exposeFunction('recordProgress', (v: number) => progressSeen.push(v));
  await page.evaluate(() => {
    new MutationObserver(() => {
      const bar = document.querySelector('[role="progressbar"]');
      if (bar) (window as unknown as { recordProgress: (v: number) => void }).recordProgress(Number(bar.getAttribute('aria-valuenow')));
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
  });
  await page.getByRole('button', { name: 'Start import' }).click();
  await expect(page).toHaveURL(/\/imports\/[0-9a-f]{32}$/);
  const bar = page.getByRole('progressbar');
  await expect(bar).toBeVisible();
  await snap(page, testInfo, '01-import-running');
  await expect(bar).toHaveAttribute('aria-valuenow', '6000', { timeout: 60_000 });
  await expect(page.getByTestId('import-progress')).toContainText('Completed');
  await expect(page.getByTestId('import-counts')).toContainText('5,996 created');
  await expect(page.getByTestId('import-counts')).toContainText('4 with errors');
  const errors = page.getByTestId('import-errors');
  for (const row of bad) await expect(errors.getByRole('cell', { name: String(row), exact: true })).toBeVisible();
  await expect(errors).toContainText('Row 2 of this file has the same serial number.');
  await snap(page, testInfo, '02-import-done');
  // In Spanish the problems are Spanish too (the server's English is never shown).
  await page.getByRole('combobox', { name: 'Language' }).selectOption('es');
  await expect(errors).toContainText('La fila 2 de este archivo tiene el mismo número de serie.');
  await expect(errors).not.toContainText('repeats row');
  await expect(page.getByTestId('import-counts')).toContainText('5996 creadas');
  await page.getByRole('combobox', { name: 'Idioma' }).selectOption('en');
  // The bar moved through values between 0 and the end (from the stream, not a reload).
  expect(new Set(progressSeen).size).toBeGreaterThanOrEqual(2);

  // The machines are there.
  await page.getByRole('link', { name: 'See the machines' }).click();
  await expect(page).toHaveURL(/\/machines\?sort=newest$/);
  // A fleet this size is drawn a page at a time; search looks at all of it.
  await expect(page.getByRole('status').filter({ hasText: 'machines)' })).toHaveText('The first 100 of 5,996 shown (5,996 machines)');
  await expect(page.getByTestId('machine-table').locator('tbody tr')).toHaveCount(100);
  await page.getByRole('searchbox', { name: 'Search' }).fill(`Loader ${prefix} 4321`);
  await expect(page.getByTestId('machine-table').getByRole('link', { name: `Loader ${prefix} 4321`, exact: true })).toBeVisible();
  await expect(page.getByTestId('machine-table').locator('tbody tr')).toHaveCount(1);

  // The finished import is in the inbox too.
  await page.getByTestId('bell').click();
  await expect(page.getByTestId('inbox').getByText('Import finished with errors: fleet.csv')).toBeVisible();
  await page.getByTestId('bell').click();

  // Export downloads the fleet as CSV.
  const download = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^fleetman-machines-.*\.csv$/);
  await ctx.close();
});
