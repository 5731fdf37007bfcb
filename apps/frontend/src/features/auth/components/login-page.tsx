import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { safeReturnPath } from '@/lib/return-path';
import { Field } from '@/components/field';
import { FormError } from '@/components/form-error';
import { ApiError } from '@/lib/api-client';
import { looksLikeEmail } from '@/lib/error-message';
import { useLogin } from '../api/login';
import { AuthLayout } from './auth-layout';

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const state = location.state as { from?: string; expired?: boolean; email?: string } | null;
  const login = useLogin();
  const [email, setEmail] = useState(state?.email ?? '');
  const [password, setPassword] = useState('');
  const [tried, setTried] = useState(false);
  // The app's own messages, all at once, instead of the browser's bubbles (the form is noValidate).
  const errors: Partial<Record<'email' | 'password', string>> = {};
  if (tried && !email.trim()) errors.email = t('fieldErrors.emailRequired');
  else if (tried && !looksLikeEmail(email)) errors.email = t('fieldErrors.email');
  if (tried && !password) errors.password = t('fieldErrors.passwordRequired');

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setTried(true);
    const missing = !email.trim() || !looksLikeEmail(email) ? 'email' : !password ? 'password' : null;
    if (missing) {
      (e.currentTarget.elements.namedItem(missing) as HTMLInputElement | null)?.focus();
      return;
    }
    login.mutate(
      { email: email.trim(), password },
      { onSuccess: () => navigate(safeReturnPath(state?.from), { replace: true }) },
    );
  };

  const wrongCredentials = login.error instanceof ApiError && login.error.status === 401;
  return (
    <AuthLayout title={t('auth.signInTitle')}>
      {state?.expired && !login.error && (
        <p className="callout" role="status">
          {t('auth.sessionExpired')}
        </p>
      )}
      <form onSubmit={submit} className="form" noValidate>
        <Field
          label={t('auth.email')}
          type="email"
          name="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={errors.email}
        />
        <Field
          label={t('auth.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errors.password}
        />
        <FormError error={login.error} message={wrongCredentials ? t('auth.invalidCredentials') : undefined} />
        <button type="submit" className="btn btn--primary btn--block" disabled={login.isPending}>
          {login.isPending ? t('auth.submitting') : t('auth.signIn')}
        </button>
      </form>
      <p className="auth__switch">
        {t('auth.noAccount')} <Link to="/register">{t('auth.register')}</Link>
      </p>
    </AuthLayout>
  );
}
