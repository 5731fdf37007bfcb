import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { assignOperator, createMachine, makeContacts, register, signIn } from './support/api';
import { snap } from './support/pages';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const pdf = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const png = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR', 'latin1'), Buffer.alloc(2048, 7)]);

test('the owner attaches, downloads, replaces and removes a document file; the operator downloads it', async ({ browser }, testInfo) => {
  const owner = await register('Dora Files');
  const operator = await register('Otto Files');
  await makeContacts(owner, operator);
  const machine = await createMachine(owner, 'Crane C7');
  await assignOperator(owner, machine.id, operator);
  const res = await owner.api.post(`/api/v1/machines/${machine.id}/documents`, {
    data: { type: 'INSURANCE', number: 'POL-88', expiresOn: day(200) },
  });
  expect(res.status()).toBe(201);

  const ctx = await browser.newContext({ acceptDownloads: true });
  await signIn(ctx, owner);
  const page = await ctx.newPage();
  await page.goto(`/machines/${machine.id}`);
  const row = page.getByTestId('document').filter({ hasText: 'POL-88' });

  // Attach: the name and size show, and the download has the same bytes.
  await row.getByLabel('Attach file (Insurance)').setInputFiles({ name: 'policy 2026.pdf', mimeType: 'application/pdf', buffer: pdf });
  await expect(row.getByTestId('document-file-link')).toContainText(`policy 2026.pdf (${pdf.length} byte`);
  const download = page.waitForEvent('download');
  await row.getByTestId('document-file-link').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('policy 2026.pdf');
  expect(Buffer.compare(await readFile((await file.path())!), pdf)).toBe(0);
  await snap(page, testInfo, '01-file-attached');

  // A page in disguise is refused, and the file stays as it was.
  await row.getByLabel('Replace file (Insurance)').setInputFiles({
    name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html><script>alert(1)</script></html>'),
  });
  await expect(row.getByRole('alert')).toHaveText('Choose a PDF, a PNG, JPEG or WebP image, or a plain text file.');
  await expect(row.getByTestId('document-file-link')).toContainText('policy 2026.pdf');

  // Replace: the type comes from the content, so a PNG named .pdf becomes scan.png.
  await row.getByLabel('Replace file (Insurance)').setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: png });
  await expect(row.getByTestId('document-file-link')).toContainText('scan.png');
  await expect(row.getByRole('alert')).toHaveCount(0);

  // The operator sees and downloads it, with nothing to change.
  const opCtx = await browser.newContext({ acceptDownloads: true });
  await signIn(opCtx, operator);
  const opPage = await opCtx.newPage();
  await opPage.goto(`/machines/${machine.id}`);
  const opRow = opPage.getByTestId('document').filter({ hasText: 'POL-88' });
  await expect(opRow.getByTestId('document-file-link')).toContainText('scan.png');
  await expect(opRow.getByText('Replace file')).toHaveCount(0);
  const opDownload = opPage.waitForEvent('download');
  await opRow.getByTestId('document-file-link').click();
  expect(Buffer.compare(await readFile((await (await opDownload).path())!), png)).toBe(0);
  await opCtx.close();

  // Remove: the document stays, without a file.
  await row.getByRole('button', { name: 'Remove file (Insurance)' }).click();
  await expect(row.getByTestId('document-file-link')).toHaveCount(0);
  await expect(row.getByText('Attach file')).toBeVisible();
  const gone = await owner.api.get(`/api/v1/machines/${machine.id}/documents`);
  expect(((await gone.json()) as Array<{ file: unknown }>)[0].file).toBeNull();
  await ctx.close();
});
