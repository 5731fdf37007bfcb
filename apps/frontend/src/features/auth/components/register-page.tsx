import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { Field } from '@/components/field';
import { FormError } from '@/components/form-error';
import { ApiError } from '@/lib/api-client';
import { fieldErrors, looksLikeEmail } from '@/lib/error-message';
import { useRegister, type RegisterInput } from '../api/register';
import { AuthLayout } from './auth-layout';

const FIELDS = ['name', 'email', 'password'] as const;

function validate(form: RegisterInput, t: (key: string) => string): Partial<Record<(typeof FIELDS)[number], string>> {
  const out: Partial<Record<(typeof FIELDS)[number], string>> = {};
  if (!form.name.trim()) out.name = t('fieldErrors.name');
  if (!form.email.trim()) out.email = t('fieldErrors.emailRequired');
  else if (!looksLikeEmail(form.email)) out.email = t('fieldErrors.email');
  if (form.password.length < 8) out.password = t('fieldErrors.password');
  return out;
}

export function RegisterPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const register = useRegister();
  const [form, setForm] = useState<RegisterInput>({ name: '', businessName: '', email: '', password: '' });
  const [tried, setTried] = useState(false);
  const taken = register.error instanceof ApiError && register.error.status === 409;
  // Every field's problem at once: the app's own checks first, then what the server refused.
  const local = tried ? validate(form, t) : {};
  const fields: Record<string, string | undefined> = { ...fieldErrors(register.error, t), ...local };

  const set = (key: keyof RegisterInput) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setTried(true);
    const first = FIELDS.find((f) => validate(form, t)[f]);
    if (first) {
      (e.currentTarget.elements.namedItem(first) as HTMLInputElement | null)?.focus();
      return;
    }
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
          error={
            taken && !local.email ? (
              <>
                {t('auth.emailTaken')}{' '}
                <Link to="/login" state={{ email: form.email.trim() }}>
                  {t('auth.signInInstead')}
                </Link>
              </>
            ) : (
              fields.email
            )
          }
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
        {/* A duplicate address is said once, at the field, with its link. */}
        {!taken && <FormError error={register.error} />}
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
