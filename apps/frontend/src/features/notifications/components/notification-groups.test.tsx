import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { mockApi, renderWithProviders } from '@/testing/render';
import { makeNotification } from '@/testing/notifications';
import i18n from '@/lib/i18n';
import { NotificationBell } from './notification-bell';
import { NotificationsPage } from './notifications-page';
import { LatestNotifications } from './latest-notifications';

const base = makeNotification;
const message = (id: string, preview: string, read = false) =>
  base(id, {
    type: 'NEW_MESSAGE',
    read,
    title: 'notification.newMessage.title',
    message: 'notification.newMessage.body',
    metadata: { senderId: 'ana', conversationWith: 'ana', senderName: 'Ana', preview, messageId: `msg-${id}` },
    actionUrl: '/messages/ana',
  });
const alert = base('q1', {
  type: 'QUICK_CHECK_COMPLETED',
  priority: 'HIGH',
  title: 'notification.quickCheckFailed.title',
  message: 'notification.quickCheckFailed.body',
  metadata: { machineName: 'CAT 320', operatorName: 'Bea', failedItems: ['brakes'], failedCount: 1 },
});
const items = [message('m3', 'see you at 8'), message('m2', 'on my way'), alert, message('m1', 'hello', true)];

const api = mockApi(({ method, url }) => {
  if (method === 'GET' && url.pathname === '/api/v1/notifications/unread-count') return { body: { count: 3 } };
  if (method === 'GET' && url.pathname === '/api/v1/notifications') {
    const priorities = url.searchParams.get('priority')?.split(',');
    const unreadOnly = url.searchParams.get('status') === 'unread';
    const list = items.filter((n) => (!priorities || priorities.includes(n.priority)) && (!unreadOnly || !n.read));
    return { body: { items: list, nextCursor: null } };
  }
  if (method === 'POST' && url.pathname.endsWith('/read')) return { status: 204 };
  return undefined;
});

function Where() {
  const location = useLocation();
  return <output data-testid="location">{location.pathname + location.search}</output>;
}

beforeEach(async () => {
  api.calls.length = 0;
  vi.stubGlobal('fetch', vi.fn(api.fetchMock));
  await i18n.changeLanguage('en');
});
afterEach(() => vi.unstubAllGlobals());

describe('message notifications grouped per conversation', () => {
  it('shows one row with the count and the newest preview in the bell; opening it reads the group and goes to the chat', async () => {
    const user = userEvent.setup();
    renderWithProviders(
      <>
        <NotificationBell />
        <Where />
      </>,
    );
    await user.click(await screen.findByRole('button', { name: 'Notifications, 3 unread' }));
    const inbox = await screen.findByTestId('inbox');
    const group = await within(inbox).findByTestId('notification-group');
    expect(within(inbox).getAllByRole('listitem')).toHaveLength(2);
    expect(within(group).getByText('3 messages from Ana')).toBeInTheDocument();
    expect(within(group).getByText('see you at 8')).toBeInTheDocument();
    expect(within(group).getByTestId('group-unread')).toHaveTextContent('2 unread');
    expect(within(inbox).queryByText('on my way')).not.toBeInTheDocument();

    await user.click(within(group).getByRole('button', { name: /^Unread: 3 messages from Ana/ }));
    expect(screen.getByTestId('location')).toHaveTextContent('/messages/ana');
    expect(screen.queryByTestId('inbox')).not.toBeInTheDocument();
    await waitFor(() => {
      const reads = api.calls.filter((c) => c.method === 'POST').map((c) => c.path);
      expect(reads.sort()).toEqual(['/api/v1/notifications/m2/read', '/api/v1/notifications/m3/read']);
    });
  });

  it('groups in the inbox page too, in Spanish', async () => {
    await i18n.changeLanguage('es');
    renderWithProviders(<NotificationsPage />, { route: '/notifications' });
    const group = await screen.findByTestId('notification-group');
    expect(within(group).getByText('3 mensajes de Ana')).toBeInTheDocument();
    expect(within(group).getByText('2 sin leer')).toBeInTheDocument();
  });
});

describe('inbox filters', () => {
  it('filters by priority on the server and keeps the filter in the address', async () => {
    const user = userEvent.setup();
    renderWithProviders(
      <>
        <NotificationsPage />
        <Where />
      </>,
      { route: '/notifications' },
    );
    await screen.findByTestId('notification-group');
    await user.selectOptions(screen.getByLabelText('Priority'), 'High and urgent');
    expect(screen.getByTestId('location')).toHaveTextContent('/notifications?priority=HIGH%2CURGENT');
    await waitFor(() => expect(screen.queryByTestId('notification-group')).not.toBeInTheDocument());
    expect(screen.getByText('Quick check failed: CAT 320')).toBeInTheDocument();
    expect(api.calls.some((c) => c.path.includes('priority=HIGH%2CURGENT'))).toBe(true);
  });

  it('combines type and status from the address', async () => {
    renderWithProviders(<NotificationsPage />, { route: '/notifications?type=NEW_MESSAGE&status=unread&priority=LOW' });
    await waitFor(() =>
      expect(api.calls.some((c) => c.path === '/api/v1/notifications?status=unread&type=NEW_MESSAGE&priority=LOW&limit=20')).toBe(true),
    );
    expect(screen.getByLabelText('Type')).toHaveValue('NEW_MESSAGE');
    expect(screen.getByLabelText('Priority')).toHaveValue('LOW');
  });
});

describe('dashboard list', () => {
  it('pins unread high-priority alerts above the chat', async () => {
    renderWithProviders(<LatestNotifications />);
    const pinned = await screen.findByTestId('pinned-alerts');
    expect(within(pinned).getByText('Needs attention')).toBeInTheDocument();
    expect(within(pinned).getByText('Quick check failed: CAT 320')).toBeInTheDocument();
    const latest = await screen.findByRole('list', { name: 'Latest notifications' });
    await within(latest).findByText('3 messages from Ana');
    expect(within(latest).queryByText('Quick check failed: CAT 320')).not.toBeInTheDocument();
  });
});
