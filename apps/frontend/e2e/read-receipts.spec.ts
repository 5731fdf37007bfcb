import { expect, test } from '@playwright/test';
import { makeContacts, register, signIn } from './support/api';
import { expectLive, snap } from './support/pages';

test('a read receipt appears live on the sender\'s screen, and after a reload', async ({ browser }, testInfo) => {
  const ana = await register('Ana Sender');
  const ben = await register('Ben Reader');
  await makeContacts(ana, ben);
  const text = `Is the roller back at the yard? ${Date.now()}`;
  const sent = await ana.api.post('/api/v1/messages', { data: { recipientId: ben.id, content: text } });
  expect(sent.status(), await sent.text()).toBe(201);

  const ctxA = await browser.newContext();
  const ctxB = await browser.newContext();
  await signIn(ctxA, ana);
  await signIn(ctxB, ben);
  const pageA = await ctxA.newPage();
  const pageB = await ctxB.newPage();

  await pageA.goto(`/messages/${ben.id}`);
  await expect(pageA.getByRole('heading', { name: 'Ben Reader' })).toBeVisible();
  await expectLive(pageA);
  const myMessage = pageA.getByTestId('message').filter({ hasText: text });
  await expect(myMessage).toBeVisible();
  await expect(myMessage.getByTestId('read-receipt')).toHaveCount(0);
  await snap(pageA, testInfo, '01-sent-not-read');

  // Ben opens the conversation, which reads it: Ana's screen shows "Read" without a reload.
  await pageB.goto(`/messages/${ana.id}`);
  await expect(pageB.getByTestId('thread').getByText(text)).toBeVisible();
  await expect(myMessage.getByTestId('read-receipt')).toHaveText('Read');
  await snap(pageA, testInfo, '02-read-live');

  // Persisted: after a reload (a new stream) it still shows.
  await pageA.reload();
  await expect(pageA.getByTestId('message').filter({ hasText: text }).getByTestId('read-receipt')).toHaveText('Read');

  await ctxA.close();
  await ctxB.close();
});
