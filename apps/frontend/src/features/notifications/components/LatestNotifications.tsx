import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { QueryState } from '@/components/QueryState';
import { useNotifications } from '../api/get-notifications';
import { NotificationItem } from './NotificationItem';

const FILTERS = { status: 'all', type: '' } as const;

/** The newest notifications, for the dashboard. */
export function LatestNotifications({ limit = 5 }: { limit?: number }) {
  const { t } = useTranslation();
  const query = useNotifications(FILTERS);
  const items = query.data?.pages.flatMap((p) => p.items).slice(0, limit) ?? [];
  return (
    <section className="card" aria-labelledby="latest-notifications">
      <header className="card__header">
        <h2 id="latest-notifications">{t('dashboard.latest')}</h2>
        <Link to="/notifications">{t('dashboard.seeAll')}</Link>
      </header>
      <QueryState isPending={query.isPending} error={query.error}>
        {items.length === 0 ? (
          <p className="muted pad">{t('dashboard.latestNone')}</p>
        ) : (
          <ul className="notification-list">
            {items.map((n) => (
              <NotificationItem key={n.id} notification={n} compact />
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}
