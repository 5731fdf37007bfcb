import { expect, test } from '@playwright/test';
import { makeContacts, register } from './support/api';
import { badge, expectBadge, expectLive, snap } from './support/pages';

test('A sends a message: B\'s open thread shows it within a second, read as it arrives (no badge, no toast)', async ({ browser }, testInfo) => {
  const ana = await register('Ana Alvarez');
  const ben = await register('Ben Brown');
  await makeContacts(ana, ben);

  const ctxA = await browser.newContext();
  const ctxB = await browser.newContext();
  const pageA = await ctxA.newPage();
  const pageB = await ctxB.newPage();

  // Ana signs in through the sign-in page.
  await pageA.goto('/login');
  await pageA.getByLabel('Email').fill(ana.email);
  await pageA.getByLabel('Password').fill('correct-horse-battery');
  await snap(pageA, testInfo, '01-sign-in');
  await pageA.getByRole('button', { name: 'Sign in' }).click();
  await expect(pageA.getByRole('heading', { name: 'Dashboard' })).toBeVisible();

  // Ben signs in the same way, then opens his conversation with Ana.
  await pageB.goto('/login');
  await pageB.getByLabel('Email').fill(ben.email);
  await pageB.getByLabel('Password').fill('correct-horse-battery');
  await pageB.getByRole('button', { name: 'Sign in' }).click();
  await expect(pageB.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await pageB.goto(`/messages/${ana.id}`);
  await expect(pageB.getByRole('heading', { name: 'Ana Alvarez' })).toBeVisible();
  await expectLive(pageB);
  const before = (await badge(pageB).count()) ? Number(await badge(pageB).textContent()) : 0;

  await pageA.goto(`/messages/${ben.id}`);
  await expect(pageA.getByRole('heading', { name: 'Ben Brown' })).toBeVisible();
  const text = `Can you check the CAT 320 hydraulics today? ${Date.now()}`;
  await pageA.getByLabel('Message to Ben Brown').fill(text);
  const sent = pageA.waitForResponse((r) => r.url().endsWith('/api/v1/messages') && r.request().method() === 'POST');
  await pageA.getByRole('button', { name: 'Send' }).click();
  expect((await sent).status()).toBe(201);

  // Within a second Ben's open thread shows the message. He is reading this very conversation
  // (issue 14, item 11): it is read as it arrives, so his bell never counts it and no toast
  // covers his composer.
  await expect(pageB.getByTestId('thread').getByText(text)).toBeVisible({ timeout: 1000 });
  await expect(pageA.getByTestId('thread').getByText(text)).toBeVisible();
  await expectBadge(pageB, before);
  await expect(pageB.getByTestId('toast').filter({ hasText: 'New message from Ana Alvarez' })).toHaveCount(0);
  // Read on the server too: a fresh load of the inbox (not the thread) shows it read, same count.
  await pageB.goto('/notifications');
  const item = pageB.getByTestId('notification-item').filter({ hasText: 'New message from Ana Alvarez' });
  await expect(item.first()).toBeVisible();
  await expect(item.first()).not.toHaveClass(/notification--unread/);
  await expectBadge(pageB, before);
  await pageB.goto(`/messages/${ana.id}`);
  await expectLive(pageB);
  await snap(pageA, testInfo, '02-sender-thread');
  await snap(pageB, testInfo, '03-recipient-live');

  // Ben replies; the message appears in Ana's thread live.
  const reply = `On it, ${Date.now()}`;
  await pageB.getByLabel('Message to Ana Alvarez').fill(reply);
  await pageB.keyboard.press('Enter');
  await expect(pageA.getByTestId('thread').getByText(reply)).toBeVisible({ timeout: 2000 });
  await expectBadge(pageB, before);

  // Ben opens his inbox and the message notification is there.
  await pageB.getByTestId('bell').click();
  await expect(pageB.getByTestId('inbox').getByText('New message from Ana Alvarez').first()).toBeVisible();
  await snap(pageB, testInfo, '04-recipient-inbox');

  await ctxA.close();
  await ctxB.close();
});
