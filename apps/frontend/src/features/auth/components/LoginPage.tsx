import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { safeReturnPath } from '@/lib/returnPath';
import { Field } from '@/components/Field';
import { FormError } from '@/components/FormError';
import { ApiError } from '@/lib/apiClient';
import { useLogin } from '../api/login';
import { AuthLayout } from './AuthLayout';

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const state = location.state as { from?: string; expired?: boolean } | null;
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const submit = (e: FormEvent) => {
    e.preventDefault();
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
        />
        <Field
          label={t('auth.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
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
