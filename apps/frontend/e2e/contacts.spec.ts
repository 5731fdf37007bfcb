import { expect, test } from '@playwright/test';
import { register, signIn } from './support/api';
import { expectLive, snap } from './support/pages';

test('a contact request and its answer appear live on both sides', async ({ browser }, testInfo) => {
  const carla = await register('Carla Cruz');
  const dani = await register('Dani Díaz');
  const ctxC = await browser.newContext();
  const ctxD = await browser.newContext();
  await signIn(ctxC, carla);
  await signIn(ctxD, dani);
  const pageC = await ctxC.newPage();
  const pageD = await ctxD.newPage();
  await pageD.goto('/contacts');
  await expectLive(pageD);
  await pageC.goto('/contacts');
  await expectLive(pageC);

  await pageC.getByLabel('Contact email').fill(dani.email);
  await pageC.getByRole('button', { name: 'Send request' }).click();
  await expect(pageC.getByRole('region', { name: 'Requests you sent' })).toContainText('Dani Díaz');

  // Dani's page shows the request without a reload, and a toast says so.
  await expect(pageD.getByTestId('toast').filter({ hasText: 'New contact request' })).toBeVisible({ timeout: 2000 });
  const request = pageD.getByTestId('contact-request').filter({ hasText: 'Carla Cruz' });
  await expect(request).toBeVisible({ timeout: 2000 });
  await snap(pageD, testInfo, '01-incoming-request');
  await request.getByRole('button', { name: 'Accept: Carla Cruz' }).click();
  await expect(pageD.getByTestId('contact-list')).toContainText('Carla Cruz');

  // Carla learns it live, and her contact list fills in.
  await expect(pageC.getByTestId('toast').filter({ hasText: 'Contact request accepted' })).toBeVisible({ timeout: 2000 });
  await expect(pageC.getByTestId('contact-list')).toContainText('Dani Díaz', { timeout: 2000 });
  await snap(pageC, testInfo, '02-accepted');

  // The contact is one click from a conversation.
  await pageC.getByTestId('contact-list').getByRole('link', { name: 'Message' }).click();
  await expect(pageC.getByRole('heading', { name: 'Dani Díaz' })).toBeVisible();
  await expect(pageC.getByLabel('Message to Dani Díaz')).toBeVisible();
  await ctxC.close();
  await ctxD.close();
});
