import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApi, renderWithProviders } from '@/testing/render';
import { useToasts } from '@/components/toast-store';
import i18n from '@/lib/i18n';
import type { NotificationPreferences } from '../lib/notification-preferences';
import { NotificationSettingsPage } from './notification-settings-page';

const stored: NotificationPreferences = {
  updatedAt: null,
  types: [
    { type: 'MAINTENANCE_ALERT', inApp: true, desktop: true, quiet: false },
    { type: 'NEW_MESSAGE', inApp: true, desktop: true, quiet: false },
  ],
};

let refuse = false;
let api: ReturnType<typeof mockApi>;
beforeEach(async () => {
  refuse = false;
  useToasts.setState({ toasts: [] });
  await i18n.changeLanguage('en');
  api = mockApi(({ method, url, body }) => {
    if (url.pathname !== '/api/v1/notifications/preferences') return undefined;
    if (method === 'GET') return { body: stored };
    if (refuse) return { status: 400, body: { error: { code: 'VALIDATION_FAILED', message: 'bad', fields: { 'types[0].type': 'bad' } } } };
    return { body: { ...(body as NotificationPreferences), updatedAt: '2026-12-01T10:00:00Z' } };
  });
  vi.stubGlobal('fetch', vi.fn(api.fetchMock));
});
afterEach(() => vi.unstubAllGlobals());

describe('notification settings', () => {
  it('shows the stored switches and saves a muted type', async () => {
    const user = userEvent.setup();
    renderWithProviders(<NotificationSettingsPage />);
    const inApp = await screen.findByRole('checkbox', { name: 'Messages: In app' });
    expect(inApp).toBeChecked();
    expect(screen.getByRole('button', { name: 'Save preferences' })).toBeDisabled();

    await user.click(inApp);
    await user.click(screen.getByRole('checkbox', { name: 'Maintenance: Quiet' }));
    await user.click(screen.getByRole('button', { name: 'Save preferences' }));

    await waitFor(() => expect(api.calls.some((c) => c.method === 'PUT')).toBe(true));
    const put = api.calls.find((c) => c.method === 'PUT')!;
    expect(put.body).toEqual({
      types: [
        { type: 'MAINTENANCE_ALERT', inApp: true, desktop: true, quiet: true },
        { type: 'NEW_MESSAGE', inApp: false, desktop: true, quiet: false },
      ],
    });
    await waitFor(() => expect(useToasts.getState().toasts.map((t) => t.text)).toContain('Notification preferences saved.'));
    expect(screen.getByRole('checkbox', { name: 'Messages: In app' })).not.toBeChecked();
    expect(screen.getByRole('button', { name: 'Save preferences' })).toBeDisabled();
  });

  it('keeps the edit and says why when the server refuses it', async () => {
    refuse = true;
    const user = userEvent.setup();
    renderWithProviders(<NotificationSettingsPage />);
    await user.click(await screen.findByRole('checkbox', { name: 'Messages: Desktop' }));
    await user.click(screen.getByRole('button', { name: 'Save preferences' }));
    expect(await screen.findByRole('alert')).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Messages: Desktop' })).not.toBeChecked();
  });

  it('is translated', async () => {
    await i18n.changeLanguage('es');
    renderWithProviders(<NotificationSettingsPage />);
    expect(await screen.findByRole('checkbox', { name: 'Mensajes: En la app' })).toBeChecked();
    expect(screen.getByRole('heading', { name: 'Ajustes' })).toBeInTheDocument();
  });
});
