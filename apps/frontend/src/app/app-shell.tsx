import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router-dom';
import { NotificationBell } from '@/features/notifications';
import { useLogout } from '@/features/auth';
import { LanguageSelect } from '@/components/language-select';
import { Avatar } from '@/components/avatar';
import { Icon } from '@/components/icon';
import { OutageBanner } from '@/components/outage-banner';
import { useStreamStatus } from '@/lib/stream-status';
import type { User } from '@/lib/types';

const NAV = [
  { to: '/', key: 'nav.dashboard', icon: 'dashboard' as const, end: true },
  { to: '/machines', key: 'nav.machines', icon: 'machine' as const },
  { to: '/issues', key: 'nav.issues', icon: 'alert' as const },
  { to: '/work-orders', key: 'nav.workOrders', icon: 'check' as const },
  { to: '/imports', key: 'nav.imports', icon: 'inbox' as const },
  { to: '/contacts', key: 'nav.contacts', icon: 'users' as const },
  { to: '/messages', key: 'nav.messages', icon: 'chat' as const },
  { to: '/notifications', key: 'nav.notifications', icon: 'bell' as const },
  { to: '/settings', key: 'nav.settings', icon: 'wrench' as const },
];

function StreamIndicator() {
  const { t } = useTranslation();
  const status = useStreamStatus((s) => s.status);
  const label =
    status === 'open'
      ? t('app.stream.open')
      : status === 'reconnecting'
        ? t('app.stream.reconnecting')
        : status === 'connecting' || status === 'idle'
          ? t('app.stream.connecting')
          : t('app.stream.offline');
  return (
    <span className={`live live--${status}`} role="status" data-testid="stream-status" data-status={status}>
      <span className="live__dot" aria-hidden="true" />
      <span className="live__label">{label}</span>
    </span>
  );
}

export function AppShell({ user }: { user: User }) {
  const { t } = useTranslation();
  const logout = useLogout();
  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <NavLink to="/" className="logo" aria-label={t('app.name')}>
          <img src="/favicon.svg" alt="" width="28" height="28" />
          <span>FleetMan</span>
        </NavLink>
        <div className="topbar__right">
          <StreamIndicator />
          <NotificationBell />
          <LanguageSelect />
          <div className="user" title={t('app.signedInAs', { name: user.name })}>
            <Avatar name={user.name} size={30} />
            <span className="user__name">{user.name}</span>
          </div>
          <button type="button" className="btn btn--ghost btn--small" onClick={() => logout.mutate()}>
            {t('app.signOut')}
          </button>
        </div>
      </header>
      <nav className="sidenav" aria-label={t('app.mainNav')}>
        <ul>
          {NAV.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} end={item.end} className="sidenav__link">
                <Icon name={item.icon} className="sidenav__icon" />
                <span className="sidenav__label">{t(item.key)}</span>
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        <OutageBanner />
        <Outlet />
      </main>
    </div>
  );
}
