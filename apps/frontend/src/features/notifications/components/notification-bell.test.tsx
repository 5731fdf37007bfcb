import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApi, renderWithProviders } from '@/testing/render';
import { makeNotification } from '@/testing/notifications';
import i18n from '@/lib/i18n';
import { NotificationBell } from './notification-bell';
import { Toaster } from '@/components/toaster';
import { useToasts } from '@/components/toast-store';
import { UNDO_WINDOW_MS } from '@/components/undo-toast';

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
let refuseDeletes = false;
const api = mockApi(({ method, url }) => {
  if (method === 'GET' && url.pathname === '/api/v1/notifications/unread-count') return { body: { count: unread } };
  if (method === 'GET' && url.pathname === '/api/v1/notifications') return { body: { items, nextCursor: null } };
  if (method === 'POST' && url.pathname.endsWith('/read')) return { status: 204 };
  if (method === 'POST' && url.pathname === '/api/v1/notifications/read-all') return { status: 204 };
  if (method === 'DELETE') return refuseDeletes ? { status: 500, body: { error: { code: 'INTERNAL', message: 'boom' } } } : { status: 204 };
  return undefined;
});

beforeEach(async () => {
  unread = 2;
  refuseDeletes = false;
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

  it('marks one read and reads all, updating the badge at once', async () => {
    const user = userEvent.setup();
    renderWithProviders(<NotificationBell />);
    await user.click(await screen.findByRole('button', { name: /Notifications, 2 unread/ }));
    const inbox = await screen.findByTestId('inbox');
    await within(inbox).findByText('Quick check failed: CAT 320');

    await user.click(within(inbox).getByRole('button', { name: 'Mark read: New contact request' }));
    expect(screen.getByTestId('unread-badge')).toHaveTextContent('1');
    expect(api.calls.some((c) => c.method === 'POST' && c.path === '/api/v1/notifications/n1/read')).toBe(true);


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

describe('deleting a notification', () => {
  const deletes = () => api.calls.filter((c) => c.method === 'DELETE').map((c) => c.path);

  async function askToDelete() {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderWithProviders(
      <>
        <NotificationBell />
        <Toaster />
      </>,
    );
    await user.click(await screen.findByRole('button', { name: /Notifications, 2 unread/ }));
    const inbox = await screen.findByTestId('inbox');
    await within(inbox).findByText('New contact request');
    await user.click(within(inbox).getByRole('button', { name: 'Delete notification: New contact request' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Delete this notification?' });
    return { user, inbox, dialog };
  }
  beforeEach(() => useToasts.setState({ toasts: [] }));
  afterEach(() => vi.useRealTimers());

  it('asks first; cancelling keeps it', async () => {
    const { user, inbox, dialog } = await askToDelete();
    expect(dialog).toHaveAccessibleDescription(/New contact request/);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(within(inbox).getByText('New contact request')).toBeInTheDocument();
    await act(() => vi.advanceTimersByTimeAsync(10_000));
    expect(deletes()).toEqual([]);
  });

  it('hides it at once and deletes it on the server when the undo window has passed', async () => {
    const { user, inbox, dialog } = await askToDelete();
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(within(inbox).queryByText('New contact request')).not.toBeInTheDocument();
    expect(screen.getByTestId('unread-badge')).toHaveTextContent('1');
    expect(screen.getByTestId('toast')).toHaveTextContent('Notification deleted.');
    expect(deletes()).toEqual([]);

    await act(() => vi.advanceTimersByTimeAsync(UNDO_WINDOW_MS));
    await waitFor(() => expect(deletes()).toEqual(['/api/v1/notifications/n1']));
    expect(screen.queryByRole('button', { name: 'Undo' })).not.toBeInTheDocument();
    expect(within(inbox).queryByText('New contact request')).not.toBeInTheDocument();
  });

  it('Undo puts it back, unread, and nothing is sent', async () => {
    const { user, inbox, dialog } = await askToDelete();
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(within(inbox).getByText('New contact request')).toBeInTheDocument();
    expect(screen.getByTestId('unread-badge')).toHaveTextContent('2');
    await act(() => vi.advanceTimersByTimeAsync(UNDO_WINDOW_MS * 2));
    expect(deletes()).toEqual([]);
  });

  it('leaving the page inside the window sends it at once', async () => {
    const { user, dialog } = await askToDelete();
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    act(() => void window.dispatchEvent(new Event('pagehide')));
    await waitFor(() => expect(deletes()).toEqual(['/api/v1/notifications/n1']));
  });

  it('a delete the server refuses comes back, with the reason in the reader\'s language', async () => {
    refuseDeletes = true;
    const { user, inbox, dialog } = await askToDelete();
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await act(() => vi.advanceTimersByTimeAsync(UNDO_WINDOW_MS));
    expect(await within(inbox).findByText('New contact request')).toBeInTheDocument();
    expect(useToasts.getState().toasts.map((t) => t.text)).toContain('Not saved: Something went wrong on our side.');
  });
});
