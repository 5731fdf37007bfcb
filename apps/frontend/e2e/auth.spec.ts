import { expect, test } from '@playwright/test';
import { snap } from './support/pages';

test('a new operator registers, switches to Spanish, signs out and is sent to sign in', async ({ page }, testInfo) => {
  await page.goto('/machines');
  await expect(page).toHaveURL(/\/login$/);
  await page.getByRole('link', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Create your FleetMan account' })).toBeVisible();
  const email = `nora.${Date.now()}@e2e.fleetman.test`;
  await page.getByLabel('Your name').fill('Nora New');
  await page.getByLabel('Business name').fill('Nora Haulage');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('correct-horse-battery');
  await snap(page, testInfo, '01-register');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expect(page.getByText('Hello, Nora New')).toBeVisible();
  await snap(page, testInfo, '02-dashboard');

  await page.getByRole('combobox', { name: 'Language' }).selectOption('es');
  await expect(page.getByRole('heading', { name: 'Panel' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await snap(page, testInfo, '03-dashboard-es');
  await page.getByRole('combobox', { name: 'Idioma' }).selectOption('en');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);

  // Wrong password: a clear message, no navigation.
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('The email or password is not right.');
});
