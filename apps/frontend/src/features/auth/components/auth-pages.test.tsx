import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router-dom';
import { mockApi, renderWithProviders } from '@/testing/render';
import i18n from '@/lib/i18n';
import { LoginPage } from './login-page';
import { RegisterPage } from './register-page';

let registerAnswer: { status: number; body: unknown } = { status: 201, body: {} };
const api = mockApi(({ method, url, body }) => {
  if (method === 'POST' && url.pathname === '/api/v1/auth/register') return registerAnswer;
  if (method === 'POST' && url.pathname === '/api/v1/auth/login' && (body as { password?: string })?.password === 'right-password') {
    return { body: { user: { id: 'u1', name: 'Ana', email: 'ana@example.com' } } };
  }
  if (method === 'POST' && url.pathname === '/api/v1/auth/login') return { status: 401, body: { error: { code: 'UNAUTHENTICATED', message: 'invalid credentials' } } };
  return undefined;
});

beforeEach(async () => {
  api.calls.length = 0;
  vi.stubGlobal('fetch', vi.fn(api.fetchMock));
  await i18n.changeLanguage('en');
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await i18n.changeLanguage('en');
});

const routes = (
  <Routes>
    <Route path="/login" element={<LoginPage />} />
    <Route path="/register" element={<RegisterPage />} />
  </Routes>
);

describe('sign-in page', () => {
  it('an empty submit highlights both fields with the app’s own messages and sends nothing', async () => {
    const user = userEvent.setup();
    renderWithProviders(routes, { route: '/login' });
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const email = screen.getByLabelText('Email');
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription('Enter your email address.');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Enter your password.');
    expect(email).toHaveFocus();
    expect(api.calls).toHaveLength(0);

    await user.type(email, 'ana@example.com');
    expect(email).not.toHaveAttribute('aria-invalid');
    expect(screen.getByLabelText('Password')).toHaveAttribute('aria-invalid', 'true');
  });

  it('in Spanish too, never the server’s English', async () => {
    await i18n.changeLanguage('es');
    const user = userEvent.setup();
    renderWithProviders(routes, { route: '/login' });
    await user.type(screen.getByLabelText('Correo electrónico'), 'ana@example');
    await user.click(screen.getByRole('button', { name: 'Iniciar sesión' }));
    expect(screen.getByLabelText('Correo electrónico')).toHaveAccessibleDescription('Escribe un correo electrónico válido.');
  });
});

describe('signing in from a deep link', () => {
  function Where() {
    const location = useLocation();
    return <output data-testid="location">{location.pathname + location.search}</output>;
  }
  const signIn = async (from: string) => {
    const user = userEvent.setup();
    renderWithProviders(
      <>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route path="*" element={<p>the page</p>} />
        </Routes>
        <Where />
      </>,
      // As the app sends a signed-out reader to the sign-in page (app/router.tsx, WithUser).
      { route: { pathname: '/login', state: { from } } },
    );
    await user.type(screen.getByLabelText('Email'), 'ana@example.com');
    await user.type(screen.getByLabelText('Password'), 'right-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await screen.findByText('the page');
  };

  it('returns to the page that was asked for, with its query', async () => {
    await signIn('/machines/m1?tab=plans');
    expect(screen.getByTestId('location')).toHaveTextContent('/machines/m1?tab=plans');
  });

  it('never to another site: the dashboard instead', async () => {
    await signIn('//evil.example/machines');
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/$/);
  });
});

describe('register page', () => {
  it('shows every field error at once', async () => {
    const user = userEvent.setup();
    renderWithProviders(routes, { route: '/register' });
    await user.type(screen.getByLabelText('Email'), 'not-an-address');
    await user.type(screen.getByLabelText('Password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(screen.getByLabelText('Your name')).toHaveAccessibleDescription('Enter a name (up to 100 characters).');
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('Enter a valid email address.');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(/Use at least 8 characters\./);
    expect(screen.getByLabelText('Your name')).toHaveFocus();
    expect(api.calls).toHaveLength(0);
  });

  it('translates the fields the server refused, by field, in Spanish', async () => {
    await i18n.changeLanguage('es');
    registerAnswer = {
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED', message: 'businessName: too long', fields: { businessName: 'must be at most 100 characters' } } },
    };
    const user = userEvent.setup();
    renderWithProviders(routes, { route: '/register' });
    await user.type(screen.getByLabelText('Tu nombre'), 'Ana');
    await user.type(screen.getByLabelText('Correo electrónico'), 'ana@example.com');
    await user.type(screen.getByLabelText('Contraseña'), 'correct-horse');
    await user.click(screen.getByRole('button', { name: 'Crear cuenta' }));
    expect(await screen.findByText('Usa hasta 100 caracteres.')).toBeInTheDocument();
    expect(screen.queryByText(/must be at most/)).not.toBeInTheDocument();
  });

  it('a duplicate address says so once, with a "Sign in instead" link that keeps the address', async () => {
    registerAnswer = { status: 409, body: { error: { code: 'CONFLICT', message: 'user: email already registered' } } };
    const user = userEvent.setup();
    renderWithProviders(routes, { route: '/register' });
    await user.type(screen.getByLabelText('Your name'), 'Ana');
    await user.type(screen.getByLabelText('Email'), 'ana@example.com');
    await user.type(screen.getByLabelText('Password'), 'correct-horse');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findAllByText('An account with this email already exists.', { exact: false })).toHaveLength(1);
    const field = screen.getByLabelText('Email').closest('.field') as HTMLElement;
    await user.click(within(field).getByRole('link', { name: 'Sign in instead' }));
    expect(screen.getByLabelText('Email')).toHaveValue('ana@example.com');
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeInTheDocument();
  });
});
