import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { QueryState } from '@/components/query-state';
import { useUnreadCount } from '../api/get-unread-count';
import { useNotifications } from '../api/get-notifications';
import { useMarkAllNotificationsRead } from '../api/mark-all-notifications-read';
import { NotificationRows } from './notification-rows';
import { groupNotifications } from '../lib/group-notifications';
import { DesktopNotificationsToggle } from './desktop-notifications-toggle';
import { PinnedAlerts, usePinnedAlerts } from './pinned-alerts';

const INBOX_FILTERS = { status: 'all', type: '' } as const;
const INBOX_SIZE = 8;

/** The bell with the unread count, and the dropdown inbox it opens. */
export function NotificationBell() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { data: unread } = useUnreadCount();
  const count = unread?.count ?? 0;

  useEffect(() => {
    if (!open) return;
    headingRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    const onPointer = (e: PointerEvent) => {
      const target = e.target as Element;
      // A toast's button (Undo after a delete in here) and a dialog opened from here leave the inbox open.
      if (!rootRef.current?.contains(target) && !target.closest?.('.toaster, .dialog-backdrop')) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  return (
    <div className="bell" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="bell__button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={count > 0 ? t('notifications.bellUnread', { count }) : t('notifications.bell')}
        onClick={() => setOpen((v) => !v)}
        data-testid="bell"
      >
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
          />
        </svg>
        {count > 0 && (
          <span className="badge" data-testid="unread-badge" aria-hidden="true">
            {count > 99 ? '99+' : count}
          </span>
        )}
      </button>
      {open && <InboxPanel id={panelId} headingRef={headingRef} onClose={() => setOpen(false)} unread={count} />}
    </div>
  );
}

interface InboxPanelProps {
  id: string;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  onClose: () => void;
  unread: number;
}

function InboxPanel({ id, headingRef, onClose, unread }: InboxPanelProps) {
  const { t } = useTranslation();
  const { data, isPending, error, refetch } = useNotifications(INBOX_FILTERS);
  const markAll = useMarkAllNotificationsRead();
  // Unread HIGH/URGENT ones come from their own request and sit on top: a chat flood in the
  // first page of the list cannot push an alert out of the bell.
  const pinned = usePinnedAlerts();
  const rest = (data?.pages.flatMap((p) => p.items) ?? []).filter((n) => !pinned.pinnedIds.has(n.id));
  const rows = groupNotifications(rest).slice(0, Math.max(INBOX_SIZE - pinned.pinned.length, 3));

  return (
    <section id={id} className="inbox" aria-labelledby={`${id}-title`} data-testid="inbox">
      <header className="inbox__header">
        <h2 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
          {t('notifications.inbox')}
        </h2>
        <button type="button" className="btn btn--link small" disabled={unread === 0} onClick={() => markAll.mutate()}>
          {t('notifications.markAllRead')}
        </button>
      </header>
      <div className="inbox__body">
        <PinnedAlerts pinned={pinned} onNavigate={onClose} testId="inbox-pinned" />
        <QueryState isPending={isPending} error={error} onRetry={() => void refetch()}>
          {rows.length === 0 && pinned.pinned.length === 0 ? (
            <p className="inbox__empty">{t('notifications.empty')}</p>
          ) : (
            <ul className="inbox__list" aria-label={t('notifications.inbox')}>
              <NotificationRows rows={rows} onNavigate={onClose} compact />
            </ul>
          )}
        </QueryState>
      </div>
      <footer className="inbox__footer">
        <DesktopNotificationsToggle />
        <Link to="/notifications" onClick={onClose}>
          {t('notifications.viewAll')}
        </Link>
      </footer>
    </section>
  );
}
