import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders } from '@/testing/render';
import { flushOfflineQueue, sendQueuedAction, useOfflineQueue } from '@/lib/offline-queue';
import { useToasts } from '@/components/toast-store';
import type { AppNotification } from '@/lib/types';
import i18n from '@/lib/i18n';
import { NotificationBell } from './notification-bell';

const note = (id: string, extra: Partial<AppNotification> = {}): AppNotification => ({
  id, userId: 'me', type: 'CONTACT_REQUEST', title: 'notification.contactRequest.title', message: 'notification.contactRequest.body',
  metadata: { requesterName: 'Ana' }, actionUrl: null, priority: 'NORMAL', source: 'contacts', read: false,
  readAt: null, archivedAt: null, createdAt: new Date().toISOString(), ...extra,
});

const failedCheck = note('q1', {
  type: 'QUICK_CHECK_COMPLETED', priority: 'HIGH', title: 'notification.quickCheckFailed.title', message: 'notification.quickCheckFailed.body',
  metadata: { machineName: 'CAT 320', operatorName: 'Pablo', failedItems: ['tyres'], failedCount: 1, notes: 'Revisar',
    failedDetails: [{ key: 'tyres', label: '', notes: 'Pinchazo' }] },
});

/** The server: up (answers), down (no answer) or refusing (500). */
let mode: 'up' | 'down' | 'refusing' = 'up';
const writes: string[] = [];
beforeEach(async () => {
  mode = 'up';
  writes.length = 0;
  useOfflineQueue.getState().reset();
  useToasts.setState({ toasts: [] });
  await i18n.changeLanguage('en');
  vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    if (method === 'GET' && url.pathname.endsWith('/unread-count')) return new Response('{"count":2}', { status: 200 });
    if (method === 'GET') return new Response(JSON.stringify({ items: [failedCheck, note('n1')], nextCursor: null }), { status: 200 });
    if (mode === 'down') throw new TypeError('Failed to fetch');
    if (mode === 'refusing') return new Response('{"error":{"code":"INTERNAL","message":"boom"}}', { status: 500 });
    writes.push(`${method} ${url.pathname}`);
    return new Response(null, { status: 204 });
  }));
});
afterEach(() => vi.unstubAllGlobals());

async function openInbox() {
  const user = userEvent.setup();
  renderWithProviders(<NotificationBell />);
  await user.click(await screen.findByRole('button', { name: /Notifications, 2 unread/ }));
  const inbox = await screen.findByTestId('inbox');
  await within(inbox).findByText('New contact request');
  return { user, inbox };
}

describe('inbox actions while the server is down', () => {
  it('are kept, shown as pending, and sent when the connection returns', async () => {
    mode = 'down';
    const { user, inbox } = await openInbox();
    await user.click(within(inbox).getByRole('button', { name: 'Mark read: New contact request' }));
    await waitFor(() => expect(useOfflineQueue.getState().actions).toEqual([{ kind: 'read', id: 'n1' }]));
    expect(screen.getByTestId('unread-badge')).toHaveTextContent('1');
    expect(within(inbox).getByTestId('pending-sync')).toHaveTextContent('Waiting for the connection');
    expect(useToasts.getState().toasts.map((t) => t.text)).toContain('Saved here; it will be sent when the server is back.');

    mode = 'up';
    await act(() => flushOfflineQueue(sendQueuedAction));
    expect(writes).toEqual(['POST /api/v1/notifications/n1/read']);
    expect(useOfflineQueue.getState().actions).toEqual([]);
    await waitFor(() => expect(within(inbox).queryByTestId('pending-sync')).toBeNull());
  });

  it('a refused action is rolled back and says why, in the reader\'s language', async () => {
    mode = 'refusing';
    const { user, inbox } = await openInbox();
    await user.click(within(inbox).getByRole('button', { name: 'Mark read: New contact request' }));
    await waitFor(() => expect(useToasts.getState().toasts.map((t) => t.text)).toContain('Not saved: Something went wrong on our side.'));
    expect(within(inbox).getByRole('button', { name: 'Mark read: New contact request' })).toBeInTheDocument();
    expect(screen.getByTestId('unread-badge')).toHaveTextContent('2');
    expect(useOfflineQueue.getState().actions).toEqual([]);
  });
});

describe("an operator's notes", () => {
  it('are shown in the notification, with item labels in the reader\'s language', async () => {
    const { inbox } = await openInbox();
    expect(within(inbox).getByText('Pablo reported 1 failed item: Tyres or tracks.')).toBeInTheDocument();
    const notes = within(inbox).getByTestId('notification-notes');
    expect(notes).toHaveTextContent('Tyres or tracks: Pinchazo');
    expect(notes).toHaveTextContent('Notes: Revisar');
  });
});
