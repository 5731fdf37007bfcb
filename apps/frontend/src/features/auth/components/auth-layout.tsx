import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSelect } from '@/components/language-select';

export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="auth">
      <div className="auth__brand" aria-hidden="true">
        <div className="auth__brand-inner">
          <span className="logo logo--large">
            <img src="/favicon.svg" alt="" width="44" height="44" /> FleetMan
          </span>
          <p>{t('auth.signInLead')}</p>
        </div>
      </div>
      <main className="auth__main" id="main">
        <div className="auth__lang">
          <LanguageSelect />
        </div>
        <div className="auth__card">
          <h1>{title}</h1>
          {children}
        </div>
      </main>
    </div>
  );
}
