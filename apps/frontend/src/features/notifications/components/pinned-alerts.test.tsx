import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApi, renderWithProviders } from '@/testing/render';
import { makeNotification } from '@/testing/notifications';
import i18n from '@/lib/i18n';
import type { AppNotification } from '@/lib/types';
import { NotificationBell } from './notification-bell';
import { LatestNotifications } from './latest-notifications';

// 25 unread messages from one conversation, all newer than one HIGH alert: the first page of the
// list (20, as the server pages it) holds only chat.
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const chat: AppNotification[] = Array.from({ length: 25 }, (_, i) =>
  makeNotification(`m${i}`, {
    type: 'NEW_MESSAGE',
    title: 'notification.newMessage.title',
    message: 'notification.newMessage.body',
    metadata: { senderId: 'ana', conversationWith: 'ana', senderName: 'Ana', preview: `message ${i}`, messageId: `msg-${i}` },
    actionUrl: '/messages/ana',
    createdAt: minutesAgo(i),
  }),
);
const alert = makeNotification('q1', {
  type: 'QUICK_CHECK_COMPLETED',
  priority: 'HIGH',
  title: 'notification.quickCheckFailed.title',
  message: 'notification.quickCheckFailed.body',
  metadata: { machineName: 'CAT 320', operatorName: 'Bea', failedItems: ['brakes'], failedCount: 1 },
  createdAt: minutesAgo(60),
});
const all = [...chat, alert];

let failPinned = 0;
const api = mockApi(({ method, url }) => {
  if (method === 'GET' && url.pathname === '/api/v1/notifications/unread-count') return { body: { count: all.length } };
  if (method === 'GET' && url.pathname === '/api/v1/notifications') {
    const priorities = url.searchParams.get('priority')?.split(',');
    if (priorities && failPinned > 0) {
      failPinned--;
      return { status: 503, body: { error: { code: 'UNAVAILABLE', message: 'down' } } };
    }
    const unreadOnly = url.searchParams.get('status') === 'unread';
    const limit = Number(url.searchParams.get('limit') ?? 20);
    const list = all.filter((n) => (!priorities || priorities.includes(n.priority)) && (!unreadOnly || !n.read));
    return { body: { items: list.slice(0, limit), nextCursor: list.length > limit ? 'next' : null } };
  }
  return undefined;
});

beforeEach(async () => {
  failPinned = 0;
  api.calls.length = 0;
  vi.stubGlobal('fetch', vi.fn(api.fetchMock));
  await i18n.changeLanguage('en');
});
afterEach(() => vi.unstubAllGlobals());

describe('an alert behind a chat flood', () => {
  it('is pinned on top of the bell, with the conversation as one row below it', async () => {
    const user = userEvent.setup();
    renderWithProviders(<NotificationBell />);
    await user.click(await screen.findByRole('button', { name: 'Notifications, 26 unread' }));
    const inbox = await screen.findByTestId('inbox');
    const pinned = await within(inbox).findByTestId('inbox-pinned');
    expect(within(pinned).getByText('Needs attention')).toBeInTheDocument();
    expect(within(pinned).getByText('Quick check failed: CAT 320')).toBeInTheDocument();
    const group = await within(inbox).findByTestId('notification-group');
    expect(within(group).getByText('message 0')).toBeInTheDocument();
    // The alert is shown once, and the page of 20 it was not in did not hide it.
    expect(within(inbox).getAllByText('Quick check failed: CAT 320')).toHaveLength(1);
    expect(api.calls.some((c) => c.path.includes('priority=HIGH%2CURGENT') && c.path.includes('status=unread'))).toBe(true);
  });

  it('the bell says so when the alerts failed to load, and Retry brings them', async () => {
    failPinned = 1;
    const user = userEvent.setup();
    renderWithProviders(<NotificationBell />);
    await user.click(await screen.findByRole('button', { name: 'Notifications, 26 unread' }));
    const pinned = await screen.findByTestId('inbox-pinned');
    await within(pinned).findByRole('alert');
    await user.click(within(pinned).getByRole('button', { name: 'Try again' }));
    expect(await within(pinned).findByText('Quick check failed: CAT 320')).toBeInTheDocument();
    expect(within(pinned).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('the dashboard pins it too, and offers Retry when its alerts failed to load', async () => {
    failPinned = 1;
    const user = userEvent.setup();
    renderWithProviders(<LatestNotifications />);
    const pinned = await screen.findByTestId('pinned-alerts');
    await within(pinned).findByRole('alert');
    await user.click(within(pinned).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(within(pinned).getByText('Quick check failed: CAT 320')).toBeInTheDocument());
  });
});
