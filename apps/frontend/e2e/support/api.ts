// Sets up people and things through the API, as an integration would (Bearer tokens, so no
// browser cookie or CSRF origin is involved).
import { expect, request, type APIRequestContext, type BrowserContext } from '@playwright/test';
import { ADMIN_EMAIL, readState } from './server';

export interface Account {
  id: string;
  email: string;
  name: string;
  token: string;
  api: APIRequestContext;
}

export const baseURL = () => process.env.FLEETMAN_URL ?? readState().url;

let seq = 0;
const unique = () => `${Date.now().toString(36)}${(++seq).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export async function register(name: string, email = `${name.toLowerCase().replace(/\W+/g, '.')}.${unique()}@e2e.fleetman.test`): Promise<Account> {
  const anon = await request.newContext({ baseURL: baseURL(), ignoreHTTPSErrors: true });
  const res = await anon.post('/api/v1/auth/register', {
    data: { email, password: 'correct-horse-battery', name, businessName: `${name} Earthworks` },
  });
  expect(res.status(), await res.text()).toBe(201);
  const body = (await res.json()) as { user: { id: string }; token: string };
  await anon.dispose();
  const api = await request.newContext({
    baseURL: baseURL(),
    ignoreHTTPSErrors: true, // the nginx journey's self-signed certificate
    extraHTTPHeaders: { Authorization: `Bearer ${body.token}` },
  });
  return { id: body.user.id, email, name, token: body.token, api };
}

/**
 * The one admin account, created by the operator (`fleetman admin create`) when the server
 * starts (support/server.ts). Request contexts end with the test that made them, so each call
 * signs in afresh.
 */
export async function adminAccount(): Promise<Account> {
  const anon = await request.newContext({ baseURL: baseURL(), ignoreHTTPSErrors: true });
  const login = await anon.post('/api/v1/auth/login', { data: { email: ADMIN_EMAIL, password: 'correct-horse-battery' } });
  const ok = login.ok();
  const body = ok ? ((await login.json()) as { user: { id: string }; token: string }) : null;
  await anon.dispose();
  if (!body) throw new Error(`the admin ${ADMIN_EMAIL} cannot sign in: ${login.status()}`);
  const api = await request.newContext({ baseURL: baseURL(), ignoreHTTPSErrors: true, extraHTTPHeaders: { Authorization: `Bearer ${body.token}` } });
  return { id: body.user.id, email: ADMIN_EMAIL, name: 'Admin', token: body.token, api };
}

/** Publishes a SYSTEM notification to one user through the admin endpoint. */
export async function publishSystemNotification(
  to: Account,
  title: string,
  message = 'Sent by the journeys',
  priority: 'LOW' | 'NORMAL' | 'HIGH' | 'URGENT' = 'NORMAL',
) {
  const a = await adminAccount();
  const res = await a.api.post('/api/v1/notifications', {
    data: { userId: to.id, type: 'SYSTEM', title, message, priority },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: string };
}

export async function makeContacts(a: Account, b: Account): Promise<void> {
  const req = await a.api.post('/api/v1/contacts/requests', { data: { email: b.email } });
  expect(req.status(), await req.text()).toBe(201);
  const { id } = (await req.json()) as { id: string };
  const accept = await b.api.post(`/api/v1/contacts/requests/${id}/accept`);
  expect(accept.status(), await accept.text()).toBe(200);
}

export async function sendMessage(from: Account, to: Account, content: string): Promise<void> {
  const res = await from.api.post('/api/v1/messages', { data: { recipientId: to.id, content } });
  expect(res.status(), await res.text()).toBe(201);
}

export async function createMachine(owner: Account, name: string, operatingHours = 1200) {
  const res = await owner.api.post('/api/v1/machines', {
    data: { serialNumber: `SN-${unique()}`, name, brand: 'Caterpillar', model: '320', type: 'Excavator', operatingHours },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: string; name: string };
}

export async function assignOperator(owner: Account, machineId: string, operator: Account) {
  const res = await owner.api.post(`/api/v1/machines/${machineId}/operators`, { data: { userId: operator.id } });
  expect(res.status(), await res.text()).toBe(204);
}

export async function unreadCount(account: Account): Promise<number> {
  const res = await account.api.get('/api/v1/notifications/unread-count');
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { count: number }).count;
}

/** Signs a browser context in with the account's cookie, as the sign-in page would. */
export async function signIn(context: BrowserContext, account: Account): Promise<void> {
  await context.addCookies([{ name: 'fleetman_token', value: account.token, url: baseURL(), httpOnly: true, sameSite: 'Lax' }]);
}
