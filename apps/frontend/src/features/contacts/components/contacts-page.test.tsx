import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApi, renderWithProviders } from '@/testing/render';
import { Toaster } from '@/components/toaster';
import { useToasts } from '@/components/toast-store';
import { UNDO_WINDOW_MS } from '@/components/undo-toast';
import i18n from '@/lib/i18n';
import { expectFieldError, expectNoValidate } from '@/testing/forms';
import { ContactsPage } from './contacts-page';

const ana = { id: 'u-ana', email: 'ana@example.com', name: 'Ana', businessName: '' };
const bea = { id: 'u-bea', email: 'bea@example.com', name: 'Bea', businessName: 'Bea SL' };
let refuse = false;
let inviteAnswer: { status: number; body?: unknown } = { status: 201 };
const api = mockApi(({ method, url }) => {
  if (method === 'GET' && url.pathname === '/api/v1/contacts') {
    return { body: [{ user: ana, since: '2026-11-01T10:00:00Z' }, { user: bea, since: '2026-11-02T10:00:00Z' }] };
  }
  if (method === 'GET' && url.pathname === '/api/v1/contacts/requests') return { body: { incoming: [], outgoing: [] } };
  if (method === 'DELETE') return refuse ? { status: 500, body: { error: { code: 'INTERNAL', message: 'boom' } } } : { status: 204 };
  if (method === 'POST' && url.pathname === '/api/v1/contacts/requests') return inviteAnswer;
  return undefined;
});
const deletes = () => api.calls.filter((c) => c.method === 'DELETE').map((c) => c.path);

beforeEach(async () => {
  refuse = false;
  inviteAnswer = { status: 201, body: {} };
  api.calls.length = 0;
  useToasts.setState({ toasts: [] });
  vi.stubGlobal('fetch', vi.fn(api.fetchMock));
  await i18n.changeLanguage('en');
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

async function askToRemoveAna() {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
  renderWithProviders(
    <>
      <ContactsPage />
      <Toaster />
    </>,
  );
  const list = await screen.findByTestId('contact-list');
  await user.click(within(list).getByRole('button', { name: 'Remove: Ana' }));
  const dialog = screen.getByRole('alertdialog', { name: 'Remove Ana from your contacts?' });
  return { user, list, dialog };
}

describe('removing a contact', () => {
  it('asks in a dialog, not the browser; Cancel keeps the contact', async () => {
    const confirm = vi.spyOn(window, 'confirm');
    const { user, list, dialog } = await askToRemoveAna();
    expect(confirm).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(within(list).getByText('Ana')).toBeInTheDocument();
    expect(within(list).getByRole('button', { name: 'Remove: Ana' })).toHaveFocus();
    await act(() => vi.advanceTimersByTimeAsync(UNDO_WINDOW_MS * 2));
    expect(deletes()).toEqual([]);
  });

  it('takes it off the list at once and removes it when the undo window has passed', async () => {
    const { user, list, dialog } = await askToRemoveAna();
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));
    expect(within(list).queryByText('Ana')).not.toBeInTheDocument();
    expect(screen.getByTestId('toast')).toHaveTextContent('Ana was removed from your contacts.');
    expect(deletes()).toEqual([]);
    await act(() => vi.advanceTimersByTimeAsync(UNDO_WINDOW_MS));
    await waitFor(() => expect(deletes()).toEqual(['/api/v1/contacts/u-ana']));
  });

  it('Undo puts it back where it was and sends nothing', async () => {
    const { user, list, dialog } = await askToRemoveAna();
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    expect(list).toHaveTextContent(/Ana.*Bea/);
    await act(() => vi.advanceTimersByTimeAsync(UNDO_WINDOW_MS * 2));
    expect(deletes()).toEqual([]);
  });

  it('a removal the server refuses comes back and says why', async () => {
    refuse = true;
    const { user, list, dialog } = await askToRemoveAna();
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));
    await act(() => vi.advanceTimersByTimeAsync(UNDO_WINDOW_MS));
    expect(await within(list).findByText('Ana')).toBeInTheDocument();
    expect(useToasts.getState().toasts.map((t) => t.text)).toContain('Ana was not removed: Something went wrong on our side.');
  });
});

describe('the invite form', () => {
  it.each([
    { typed: '', message: 'Enter the email address of the person to add.' },
    { typed: 'ana@', message: 'Enter a valid email address.' },
  ])('"$typed" is refused on the field, and nothing is sent', async ({ typed, message }) => {
    const user = userEvent.setup();
    renderWithProviders(<ContactsPage />);
    const email = screen.getByLabelText('Contact email');
    expectNoValidate(email);
    if (typed) await user.type(email, typed);
    await user.click(screen.getByRole('button', { name: 'Send request' }));
    expect(expectFieldError('Contact email', message)).toHaveFocus();
    expect(api.calls.filter((c) => c.method === 'POST')).toEqual([]);
  });

  it.each([
    { why: 'a validation error', answer: { status: 400, body: { error: { code: 'VALIDATION_FAILED', message: 'invalid input', fields: { email: 'must be a valid email address' } } } }, message: 'Escribe un correo electrónico válido.' },
    { why: 'an unknown address', answer: { status: 404, body: { error: { code: 'NOT_FOUND', message: 'user not found' } } }, message: 'No hay ninguna cuenta' },
  ])("the server's answer to $why is shown on the field, translated", async ({ answer, message }) => {
    await i18n.changeLanguage('es');
    inviteAnswer = answer;
    const user = userEvent.setup();
    renderWithProviders(<ContactsPage />);
    await user.type(screen.getByLabelText('Correo del contacto'), 'nobody@example.com');
    await user.click(screen.getByRole('button', { name: 'Enviar solicitud' }));
    await waitFor(() => expectFieldError('Correo del contacto', message));
    expect(screen.queryByText(/must be a valid|user not found/)).not.toBeInTheDocument();
  });
});
