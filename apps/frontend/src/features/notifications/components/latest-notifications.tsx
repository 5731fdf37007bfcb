import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { QueryState } from '@/components/query-state';
import { useNotifications } from '../api/get-notifications';
import { groupNotifications } from '../lib/group-notifications';
import { NotificationItem } from './notification-item';
import { NotificationRows } from './notification-rows';

const FILTERS = { status: 'all', type: '' } as const;
/** Unread alerts that must not sink under chat: quick-check failures, overdue maintenance. */
export const PINNED_FILTERS = { status: 'unread', type: '', priority: 'HIGH,URGENT' } as const;
const PINNED_MAX = 5;

/** The newest notifications, for the dashboard, with unread high-priority ones pinned on top. */
export function LatestNotifications({ limit = 5 }: { limit?: number }) {
  const { t } = useTranslation();
  const query = useNotifications(FILTERS);
  const pinnedQuery = useNotifications(PINNED_FILTERS);
  const pinned = pinnedQuery.data?.pages.flatMap((p) => p.items).slice(0, PINNED_MAX) ?? [];
  const pinnedIds = new Set(pinned.map((n) => n.id));
  const rows = groupNotifications((query.data?.pages.flatMap((p) => p.items) ?? []).filter((n) => !pinnedIds.has(n.id))).slice(
    0,
    limit,
  );
  return (
    <section className="card" aria-labelledby="latest-notifications">
      <header className="card__header">
        <h2 id="latest-notifications">{t('dashboard.latest')}</h2>
        <Link to="/notifications">{t('dashboard.seeAll')}</Link>
      </header>
      {pinned.length > 0 && (
        <section className="pinned-alerts" aria-labelledby="pinned-alerts" data-testid="pinned-alerts">
          <h3 id="pinned-alerts" className="pinned-alerts__title">
            {t('dashboard.pinned')}
          </h3>
          <ul className="notification-list">
            {pinned.map((n) => (
              <NotificationItem key={n.id} notification={n} compact />
            ))}
          </ul>
        </section>
      )}
      <QueryState isPending={query.isPending} error={query.error} onRetry={() => void query.refetch()}>
        {rows.length === 0 && pinned.length === 0 ? (
          <p className="muted pad">{t('dashboard.latestNone')}</p>
        ) : (
          <ul className="notification-list" aria-label={t('dashboard.latest')}>
            <NotificationRows rows={rows} compact />
          </ul>
        )}
      </QueryState>
    </section>
  );
}
