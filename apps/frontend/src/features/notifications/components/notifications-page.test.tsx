import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApi, renderWithProviders } from '@/testing/render';
import { useOfflineQueue } from '@/lib/offline-queue';
import type { AppNotification } from '@/lib/types';
import i18n from '@/lib/i18n';
import { NotificationsPage } from './notifications-page';

const note = (id: string, extra: Partial<AppNotification> = {}): AppNotification => ({
  id, userId: 'me', type: 'CONTACT_REQUEST', title: 'notification.contactRequest.title', message: 'notification.contactRequest.body',
  metadata: { requesterName: `Ana ${id}` }, actionUrl: null, priority: 'NORMAL', source: 'contacts', read: false,
  readAt: null, archivedAt: null, createdAt: new Date().toISOString(), ...extra,
});

let api: ReturnType<typeof mockApi>;
beforeEach(async () => {
  useOfflineQueue.getState().reset();
  await i18n.changeLanguage('en');
  api = mockApi(({ method, url }) => {
    if (method === 'GET' && url.pathname === '/api/v1/notifications/unread-count') return { body: { count: 1 } };
    if (method === 'GET' && url.pathname === '/api/v1/notifications') {
      return url.searchParams.get('archived') === 'true'
        ? { body: { items: [note('a1', { read: true, archivedAt: new Date().toISOString() })], nextCursor: null } }
        : { body: { items: [note('n1'), note('n2', { read: true })], nextCursor: null } };
    }
    if (method === 'POST') return { status: 204 };
    return undefined;
  });
  vi.stubGlobal('fetch', vi.fn(api.fetchMock));
});
afterEach(() => vi.unstubAllGlobals());

describe('the inbox: mark unread and archive', () => {
  it('archives one out of the inbox and marks a read one unread', async () => {
    const user = userEvent.setup();
    renderWithProviders(<NotificationsPage />, { route: '/notifications' });
    const list = await screen.findByRole('list', { name: 'Notifications' });
    const items = within(list).getAllByTestId('notification-item');
    expect(items).toHaveLength(2);

    await user.click(within(items[0]!).getByRole('button', { name: /^Archive:/ }));
    await waitFor(() => expect(within(list).getAllByTestId('notification-item')).toHaveLength(1));
    expect(api.calls.some((c) => c.method === 'POST' && c.path === '/api/v1/notifications/n1/archive')).toBe(true);

    const read = within(list).getByTestId('notification-item');
    expect(within(read).queryByRole('button', { name: /^Mark read:/ })).not.toBeInTheDocument();
    await user.click(within(read).getByRole('button', { name: /^Mark unread:/ }));
    await waitFor(() => expect(within(read).getByRole('button', { name: /^Mark read:/ })).toBeInTheDocument());
    expect(api.calls.some((c) => c.method === 'POST' && c.path === '/api/v1/notifications/n2/unread')).toBe(true);
  });

  it('lists the archive on its own, from where one goes back to the inbox', async () => {
    const user = userEvent.setup();
    renderWithProviders(<NotificationsPage />, { route: '/notifications?status=archived' });
    const list = await screen.findByRole('list', { name: 'Notifications' });
    await waitFor(() => expect(api.calls.some((c) => c.path.includes('archived=true'))).toBe(true));
    const item = within(list).getByTestId('notification-item');
    expect(within(item).queryByRole('button', { name: /^Archive:/ })).not.toBeInTheDocument();
    await user.click(within(item).getByRole('button', { name: /^Mark unread:/ }));
    await waitFor(() => expect(screen.queryAllByTestId('notification-item')).toHaveLength(0));
    expect(screen.getByText('You are all caught up.')).toBeInTheDocument();
    expect(api.calls.some((c) => c.method === 'POST' && c.path === '/api/v1/notifications/a1/unread')).toBe(true);
  });
});
