import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '@/components/query-state';
import type { AppNotification } from '@/lib/types';
import { useNotifications } from '../api/get-notifications';
import { NotificationItem } from './notification-item';

/** Unread alerts that must not sink under chat: quick-check failures, overdue maintenance. */
export const PINNED_FILTERS = { status: 'unread', type: '', priority: 'HIGH,URGENT' } as const;
const PINNED_MAX = 5;

/**
 * The unread HIGH and URGENT notifications, asked from the server on their own (the list endpoint
 * filters by priority), so a conversation with many unread messages never pushes them out of the
 * first page. `pinnedIds` lets the caller leave them out of its other rows.
 */
export function usePinnedAlerts() {
  const query = useNotifications(PINNED_FILTERS);
  const pinned: AppNotification[] = query.data?.pages.flatMap((p) => p.items).slice(0, PINNED_MAX) ?? [];
  return { query, pinned, pinnedIds: new Set(pinned.map((n) => n.id)) };
}

interface PinnedAlertsProps {
  pinned: ReturnType<typeof usePinnedAlerts>;
  onNavigate?: () => void;
  testId?: string;
}

/** The pinned alerts' section: nothing while loading or when there are none, an error with Retry when they failed to load. */
export function PinnedAlerts({ pinned: { query, pinned }, onNavigate, testId = 'pinned-alerts' }: PinnedAlertsProps) {
  const { t } = useTranslation();
  const headingId = useId();
  if (!query.error && pinned.length === 0) return null;
  return (
    <section className="pinned-alerts" aria-labelledby={headingId} data-testid={testId}>
      <h3 id={headingId} className="pinned-alerts__title">
        {t('dashboard.pinned')}
      </h3>
      <QueryState isPending={false} error={query.error} onRetry={() => void query.refetch()}>
        <ul className="notification-list">
          {pinned.map((n) => (
            <NotificationItem key={n.id} notification={n} onNavigate={onNavigate} compact />
          ))}
        </ul>
      </QueryState>
    </section>
  );
}
