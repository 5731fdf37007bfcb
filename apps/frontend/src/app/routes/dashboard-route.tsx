import { useTranslation } from 'react-i18next';
import { AttentionList, DashboardTiles, QuickCheckFailures } from '@/features/fleet';
import { LatestNotifications, UnreadTile } from '@/features/notifications';
import type { User } from '@/lib/types';

export function DashboardRoute({ user }: { user: User }) {
  const { t } = useTranslation();
  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1>{t('dashboard.title')}</h1>
          <p className="muted">{t('dashboard.greeting', { name: user.name })}</p>
        </div>
      </header>
      <div className="tiles">
        <DashboardTiles />
        <UnreadTile />
      </div>
      <div className="grid grid--2">
        <AttentionList />
        <LatestNotifications />
        <QuickCheckFailures />
      </div>
    </div>
  );
}
