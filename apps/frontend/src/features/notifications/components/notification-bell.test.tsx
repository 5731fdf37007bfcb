import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApi, renderWithProviders } from '@/testing/render';
import { makeNotification } from '@/testing/notifications';
import i18n from '@/lib/i18n';
import { NotificationBell } from './notification-bell';

const base = makeNotification;

const items = [
  base('n2', {
    type: 'QUICK_CHECK_COMPLETED',
    priority: 'HIGH',
    title: 'notification.quickCheckFailed.title',
    message: 'notification.quickCheckFailed.body',
    metadata: { machineName: 'CAT 320', operatorName: 'Bea', failedItems: ['Brakes', 'Lights'], failedCount: 2 },
  }),
  base('n1', {
    type: 'CONTACT_REQUEST',
    title: 'notification.contactRequest.title',
    message: 'notification.contactRequest.body',
    metadata: { requesterName: 'Ana' },
  }),
];

let unread = 2;
const api = mockApi(({ method, url }) => {
  if (method === 'GET' && url.pathname === '/api/v1/notifications/unread-count') return { body: { count: unread } };
  if (method === 'GET' && url.pathname === '/api/v1/notifications') return { body: { items, nextCursor: null } };
  if (method === 'POST' && url.pathname.endsWith('/read')) return { status: 204 };
  if (method === 'POST' && url.pathname === '/api/v1/notifications/read-all') return { status: 204 };
  if (method === 'DELETE') return { status: 204 };
  return undefined;
});

beforeEach(async () => {
  unread = 2;
  api.calls.length = 0;
  vi.stubGlobal('fetch', vi.fn(api.fetchMock));
  await i18n.changeLanguage('en');
});
afterEach(() => vi.unstubAllGlobals());

describe('NotificationBell', () => {
  it('shows the unread count and opens a translated inbox', async () => {
    const user = userEvent.setup();
    renderWithProviders(<NotificationBell />);
    const bell = await screen.findByRole('button', { name: 'Notifications, 2 unread' });
    expect(screen.getByTestId('unread-badge')).toHaveTextContent('2');
    await user.click(bell);
    expect(bell).toHaveAttribute('aria-expanded', 'true');
    const inbox = await screen.findByTestId('inbox');
    expect(await within(inbox).findByText('Quick check failed: CAT 320')).toBeInTheDocument();
    expect(within(inbox).getByText('Bea reported 2 failed items: Brakes, Lights.')).toBeInTheDocument();
    expect(within(inbox).getByText('Ana wants to add you as a contact.')).toBeInTheDocument();
    expect(within(inbox).getByText('High')).toBeInTheDocument();
  });

  it('marks one read, reads all and deletes, updating the badge at once', async () => {
    const user = userEvent.setup();
    renderWithProviders(<NotificationBell />);
    await user.click(await screen.findByRole('button', { name: /Notifications, 2 unread/ }));
    const inbox = await screen.findByTestId('inbox');
    await within(inbox).findByText('Quick check failed: CAT 320');

    await user.click(within(inbox).getByRole('button', { name: 'Mark read: New contact request' }));
    expect(screen.getByTestId('unread-badge')).toHaveTextContent('1');
    expect(api.calls.some((c) => c.method === 'POST' && c.path === '/api/v1/notifications/n1/read')).toBe(true);

    await user.click(within(inbox).getByRole('button', { name: 'Delete notification: New contact request' }));
    expect(within(inbox).queryByText('New contact request')).not.toBeInTheDocument();
    expect(api.calls.some((c) => c.method === 'DELETE' && c.path === '/api/v1/notifications/n1')).toBe(true);

    await user.click(within(inbox).getByRole('button', { name: 'Mark all read' }));
    await waitFor(() => expect(screen.queryByTestId('unread-badge')).not.toBeInTheDocument());
    expect(api.calls.some((c) => c.method === 'POST' && c.path === '/api/v1/notifications/read-all')).toBe(true);
  });

  it('closes on Escape and gives focus back to the bell', async () => {
    const user = userEvent.setup();
    renderWithProviders(<NotificationBell />);
    const bell = await screen.findByRole('button', { name: /Notifications/ });
    await user.click(bell);
    await screen.findByTestId('inbox');
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('inbox')).not.toBeInTheDocument();
    expect(bell).toHaveFocus();
  });

  it('speaks Spanish too', async () => {
    await i18n.changeLanguage('es');
    const user = userEvent.setup();
    renderWithProviders(<NotificationBell />);
    await user.click(await screen.findByRole('button', { name: 'Notificaciones, 2 sin leer' }));
    expect(await screen.findByText('Revisión rápida con fallos: CAT 320')).toBeInTheDocument();
    expect(screen.getByText('Bea informó de 2 puntos con fallo: Brakes, Lights.')).toBeInTheDocument();
  });
});
