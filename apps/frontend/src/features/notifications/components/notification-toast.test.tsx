import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { renderWithProviders } from '@/testing/render';
import { makeNotification } from '@/testing/notifications';
import { Toaster } from '@/components/toaster';
import { useToasts } from '@/components/toast-store';
import i18n from '@/lib/i18n';
import { NotificationToast } from './notification-toast';

// A Spanish operator's failed check, as the owner's stream delivers it.
const failedCheck = makeNotification('q1', {
  type: 'QUICK_CHECK_COMPLETED',
  priority: 'HIGH',
  title: 'notification.quickCheckFailed.title',
  message: 'notification.quickCheckFailed.body',
  actionUrl: '/machines/m1',
  metadata: {
    machineName: 'CAT 320', operatorName: 'Pablo', failedItems: ['tyres', 'brakes'], failedCount: 2, notes: 'Revisar pronto',
    failedDetails: [
      { key: 'tyres', label: '', notes: 'Pinchazo delante' },
      { key: 'brakes', label: '', notes: '' },
    ],
  },
});

function Where() {
  return <output data-testid="location">{useLocation().pathname}</output>;
}

function showToast() {
  const view = renderWithProviders(
    <>
      {/* As the app mounts it (app/router.tsx). */}
      <Toaster renderNotification={(n, dismiss) => <NotificationToast notification={n} onOpen={dismiss} />} />
      <Where />
    </>,
  );
  act(() => useToasts.getState().push({ tone: 'alert', notification: failedCheck }));
  return view;
}

beforeEach(() => useToasts.setState({ toasts: [] }));
afterEach(async () => {
  act(() => useToasts.setState({ toasts: [] }));
  await i18n.changeLanguage('en');
});

describe('a notification toast', () => {
  it("shows the operator's notes: per failed item, in the reader's language, then the general ones", async () => {
    await i18n.changeLanguage('en');
    showToast();
    const toast = screen.getByTestId('toast');
    expect(within(toast).getByText('Quick check failed: CAT 320')).toBeInTheDocument();
    const notes = within(toast).getByTestId('toast-notes');
    expect(within(notes).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Tyres or tracks: Pinchazo delante',
      'Notes: Revisar pronto',
    ]);
  });

  it('in Spanish to a Spanish reader, and its link opens the machine', async () => {
    await i18n.changeLanguage('es');
    const user = userEvent.setup();
    showToast();
    const toast = screen.getByTestId('toast');
    expect(within(toast).getByTestId('toast-notes')).toHaveTextContent('Neumáticos u orugas: Pinchazo delante');
    await user.click(within(toast).getByRole('link'));
    expect(screen.getByTestId('location')).toHaveTextContent('/machines/m1');
    expect(screen.queryByTestId('toast')).not.toBeInTheDocument();
  });
});
