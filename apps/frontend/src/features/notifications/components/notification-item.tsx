import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { formatRelative } from '@/lib/format';
import { Icon, type IconName } from '@/components/icon';
import type { AppNotification } from '@/lib/types';
import { isPending, useOfflineQueue } from '@/lib/offline-queue';
import { useNotificationText } from '../hooks/use-notification-text';
import { useMarkNotificationRead } from '../api/mark-notification-read';
import { useDeleteNotification } from '../api/delete-notification';
import { useMarkNotificationUnread } from '../api/mark-notification-unread';
import { useArchiveNotification } from '../api/archive-notification';
import { isSameOriginPath } from '@/lib/safe-path';
import { ConfirmDialog } from '@/components/confirm-dialog';

const TYPE_ICON: Record<string, IconName> = {
  MAINTENANCE_ALERT: 'wrench',
  QUICK_CHECK_COMPLETED: 'check',
  NEW_MESSAGE: 'chat',
  CONTACT_REQUEST: 'userPlus',
  CONTACT_ACCEPTED: 'userCheck',
  SYSTEM: 'info',
  IMPORT_FINISHED: 'inbox',
  ISSUE: 'alert',
};

interface NotificationItemProps {
  notification: AppNotification;
  onNavigate?: () => void;
  compact?: boolean;
}

export function NotificationItem({ notification: n, onNavigate, compact }: NotificationItemProps) {
  const { t, i18n } = useTranslation();
  const describe = useNotificationText();
  const navigate = useNavigate();
  const markRead = useMarkNotificationRead();
  const remove = useDeleteNotification();
  const markUnread = useMarkNotificationUnread();
  const archive = useArchiveNotification();
  const [confirming, setConfirming] = useState(false);
  const text = describe(n);
  const pending = useOfflineQueue((s) => isPending(s.actions, n.id) || s.actions.some((a) => a.kind === 'readAll'));
  const icon: IconName = n.type === 'QUICK_CHECK_COMPLETED' && n.metadata?.failedItems ? 'alert' : (TYPE_ICON[n.type] ?? 'info');

  const open = () => {
    if (!n.read) markRead.mutate(n.id);
    if (isSameOriginPath(n.actionUrl)) {
      onNavigate?.();
      navigate(n.actionUrl);
    }
  };

  return (
    <li
      className={`notification ${n.read ? '' : 'notification--unread'} notification--${n.priority.toLowerCase()} ${compact ? 'notification--compact' : ''}`}
      data-testid="notification-item"
      data-notification-id={n.id}
    >
      <span className={`notification__icon notification__icon--${icon}`}>
        <Icon name={icon} size={18} />
      </span>
      <div className="notification__main">
        <button type="button" className="notification__open" onClick={open}>
          <span className="notification__title">
            {!n.read && <span className="visually-hidden">{t('notifications.unreadBadge')}: </span>}
            {text.title}
          </span>
          {text.body && <span className="notification__body">{text.body}</span>}
        </button>
        {text.notes.length > 0 && (
          <ul className="notification__notes" data-testid="notification-notes">
            {text.notes.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
        <span className="notification__meta">
          <time dateTime={n.createdAt}>{formatRelative(n.createdAt, i18n.language)}</time>
          {(n.priority === 'HIGH' || n.priority === 'URGENT') && (
            <span className={`pill pill--${n.priority.toLowerCase()}`}>{t(`notifications.priority.${n.priority}`)}</span>
          )}
          {pending && (
            <span className="pill pill--pending" data-testid="pending-sync">
              {t('notifications.pendingSync')}
            </span>
          )}
          {!compact && <span className="pill">{t(`notifications.types.${n.type}`, { defaultValue: n.type })}</span>}
        </span>
      </div>
      <div className="notification__actions">
        {!n.read && (
          <button
            type="button"
            className="icon-btn"
            onClick={() => markRead.mutate(n.id)}
            aria-label={`${t('notifications.markRead')}: ${text.title}`}
            title={t('notifications.markRead')}
          >
            ✓
          </button>
        )}
        {(n.read || n.archivedAt) && (
          <button
            type="button"
            className="icon-btn"
            onClick={() => markUnread.mutate(n.id)}
            aria-label={`${t('notifications.markUnread')}: ${text.title}`}
            title={t('notifications.markUnread')}
          >
            ●
          </button>
        )}
        {!n.archivedAt && (
          <button
            type="button"
            className="icon-btn"
            onClick={() => archive.mutate(n.id)}
            aria-label={`${t('notifications.archive')}: ${text.title}`}
            title={t('notifications.archive')}
          >
            <Icon name="inbox" size={16} />
          </button>
        )}
        <button
          type="button"
          className="icon-btn"
          onClick={() => setConfirming(true)}
          aria-label={`${t('notifications.delete')}: ${text.title}`}
          title={t('notifications.delete')}
        >
          <Icon name="trash" size={16} />
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={t('notifications.confirmDeleteTitle')}
        confirmLabel={t('notifications.confirmDelete')}
        danger
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          remove.mutate(n);
        }}
      >
        <p>{t('notifications.confirmDeleteBody', { title: text.title })}</p>
      </ConfirmDialog>
    </li>
  );
}
