import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { Field } from '@/components/Field';
import { FormError } from '@/components/FormError';
import { ApiError } from '@/lib/apiClient';
import { fieldErrors } from '@/lib/errorMessage';
import { useRegister, type RegisterInput } from '../api/register';
import { AuthLayout } from './AuthLayout';

export function RegisterPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const register = useRegister();
  const [form, setForm] = useState<RegisterInput>({ name: '', businessName: '', email: '', password: '' });
  const fields = fieldErrors(register.error);
  const taken = register.error instanceof ApiError && register.error.status === 409;

  const set = (key: keyof RegisterInput) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    register.mutate(
      { ...form, email: form.email.trim(), name: form.name.trim(), businessName: form.businessName.trim() },
      { onSuccess: () => navigate('/', { replace: true }) },
    );
  };

  return (
    <AuthLayout title={t('auth.registerTitle')}>
      <form onSubmit={submit} className="form" noValidate>
        <Field label={t('auth.name')} name="name" autoComplete="name" required value={form.name} onChange={set('name')} error={fields.name} />
        <Field
          label={t('auth.businessName')}
          name="businessName"
          autoComplete="organization"
          value={form.businessName}
          onChange={set('businessName')}
          error={fields.businessName}
        />
        <Field
          label={t('auth.email')}
          type="email"
          name="email"
          autoComplete="email"
          required
          value={form.email}
          onChange={set('email')}
          error={taken ? t('auth.emailTaken') : fields.email}
        />
        <Field
          label={t('auth.password')}
          type="password"
          name="password"
          autoComplete="new-password"
          required
          minLength={8}
          hint={t('auth.passwordHint')}
          value={form.password}
          onChange={set('password')}
          error={fields.password}
        />
        <FormError error={register.error} message={taken ? t('auth.emailTaken') : undefined} />
        <button type="submit" className="btn btn--primary btn--block" disabled={register.isPending}>
          {register.isPending ? t('auth.submitting') : t('auth.register')}
        </button>
      </form>
      <p className="auth__switch">
        {t('auth.haveAccount')} <Link to="/login">{t('auth.signIn')}</Link>
      </p>
    </AuthLayout>
  );
}
