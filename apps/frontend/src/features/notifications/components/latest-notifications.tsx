import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { QueryState } from '@/components/query-state';
import { useNotifications } from '../api/get-notifications';
import { groupNotifications } from '../lib/group-notifications';
import { NotificationRows } from './notification-rows';
import { PinnedAlerts, usePinnedAlerts } from './pinned-alerts';

const FILTERS = { status: 'all', type: '' } as const;

/** The newest notifications, for the dashboard, with unread high-priority ones pinned on top. */
export function LatestNotifications({ limit = 5 }: { limit?: number }) {
  const { t } = useTranslation();
  const query = useNotifications(FILTERS);
  const pinned = usePinnedAlerts();
  const rows = groupNotifications((query.data?.pages.flatMap((p) => p.items) ?? []).filter((n) => !pinned.pinnedIds.has(n.id))).slice(
    0,
    limit,
  );
  return (
    <section className="card" aria-labelledby="latest-notifications">
      <header className="card__header">
        <h2 id="latest-notifications">{t('dashboard.latest')}</h2>
        <Link to="/notifications">{t('dashboard.seeAll')}</Link>
      </header>
      <PinnedAlerts pinned={pinned} />
      <QueryState isPending={query.isPending} error={query.error} onRetry={() => void query.refetch()}>
        {rows.length === 0 && pinned.pinned.length === 0 ? (
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
