import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { QueryState } from '@/components/query-state';
import { EmptyState } from '@/components/empty-state';
import { NOTIFICATION_TYPES } from '@/lib/types';
import type { NotificationFilters } from '@/lib/query-keys';
import { useNotifications } from '../api/get-notifications';
import { useUnreadCount } from '../api/get-unread-count';
import { useMarkAllNotificationsRead } from '../api/mark-all-notifications-read';
import { NotificationRows } from './notification-rows';
import { groupNotifications } from '../lib/group-notifications';
import { DesktopNotificationsToggle } from './desktop-notifications-toggle';

/** The priority sets the inbox offers (the API takes any comma-separated set). */
const PRIORITY_FILTERS = ['HIGH,URGENT', 'NORMAL', 'LOW'] as const;

export function NotificationsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters: NotificationFilters = {
    status: params.get('status') === 'unread' ? 'unread' : params.get('status') === 'archived' ? 'archived' : 'all',
    type: params.get('type') ?? '',
    priority: PRIORITY_FILTERS.find((p) => p === params.get('priority')) ?? '',
  };
  const query = useNotifications(filters);
  const { data: unread } = useUnreadCount();
  const markAll = useMarkAllNotificationsRead();
  const rows = groupNotifications(query.data?.pages.flatMap((p) => p.items) ?? []);

  const setFilter = (key: 'status' | 'type' | 'priority', value: string) => {
    const next = new URLSearchParams(params);
    if (value && !(key === 'status' && value === 'all')) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <div className="page">
      <header className="page__header">
        <h1>{t('notifications.title')}</h1>
        <div className="page__actions">
          <DesktopNotificationsToggle />
          <button
            type="button"
            className="btn btn--secondary"
            disabled={(unread?.count ?? 0) === 0}
            onClick={() => markAll.mutate()}
          >
            {t('notifications.markAllRead')}
          </button>
        </div>
      </header>

      <form className="filters" aria-label={t('notifications.filters')} onSubmit={(e) => e.preventDefault()}>
        <fieldset className="segmented">
          <legend className="visually-hidden">{t('notifications.status')}</legend>
          {(['all', 'unread', 'archived'] as const).map((status) => (
            <label key={status} className={filters.status === status ? 'is-active' : ''}>
              <input
                type="radio"
                name="status"
                value={status}
                checked={filters.status === status}
                onChange={() => setFilter('status', status)}
              />
              {t(`notifications.statuses.${status}`)}
            </label>
          ))}
        </fieldset>
        <div className="field field--inline">
          <label htmlFor="notification-type">{t('notifications.type')}</label>
          <select id="notification-type" value={filters.type} onChange={(e) => setFilter('type', e.target.value)}>
            <option value="">{t('notifications.allTypes')}</option>
            {NOTIFICATION_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`notifications.types.${type}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--inline">
          <label htmlFor="notification-priority">{t('notifications.priorityFilter')}</label>
          <select
            id="notification-priority"
            value={filters.priority}
            onChange={(e) => setFilter('priority', e.target.value)}
          >
            <option value="">{t('notifications.allPriorities')}</option>
            {PRIORITY_FILTERS.map((p) => (
              <option key={p} value={p}>
                {t(`notifications.priorityFilters.${p.replace(',', '_')}`)}
              </option>
            ))}
          </select>
        </div>
      </form>

      <QueryState isPending={query.isPending} error={query.error} onRetry={() => void query.refetch()}>
        {rows.length === 0 ? (
          <EmptyState icon="bell">{t('notifications.empty')}</EmptyState>
        ) : (
          <ul className="card notification-list" aria-label={t('notifications.title')}>
            <NotificationRows rows={rows} />
          </ul>
        )}
        {query.hasNextPage && (
          <div className="center">
            <button
              type="button"
              className="btn btn--secondary"
              onClick={() => void query.fetchNextPage()}
              disabled={query.isFetchingNextPage}
            >
              {query.isFetchingNextPage ? t('app.loading') : t('app.loadMore')}
            </button>
          </div>
        )}
      </QueryState>
    </div>
  );
}
