import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { formatRelative } from '@/lib/format';
import { Icon } from '@/components/icon';
import type { AppNotification } from '@/lib/types';
import { useNotificationText } from '../hooks/use-notification-text';
import { useMarkNotificationRead } from '../api/mark-notification-read';

interface NotificationGroupItemProps {
  contactId: string;
  /** The conversation's message notifications, newest first. */
  items: AppNotification[];
  unread: number;
  onNavigate?: () => void;
  compact?: boolean;
}

/** One row for a conversation's messages: how many, the newest preview; opening it reads them all. */
export function NotificationGroupItem({ contactId, items, unread, onNavigate, compact }: NotificationGroupItemProps) {
  const { t, i18n } = useTranslation();
  const describe = useNotificationText();
  const navigate = useNavigate();
  const markRead = useMarkNotificationRead();
  const newest = items[0]!;
  const senderName = typeof newest.metadata?.senderName === 'string' ? newest.metadata.senderName : '';
  const title = t('notifications.group.title', { count: items.length, name: senderName });
  const preview = describe(newest).body;

  const readAll = () => {
    for (const n of items) if (!n.read) markRead.mutate(n.id);
  };
  const open = () => {
    readAll();
    onNavigate?.();
    navigate(`/messages/${encodeURIComponent(contactId)}`);
  };

  return (
    <li
      className={`notification ${unread > 0 ? 'notification--unread' : ''} notification--normal ${compact ? 'notification--compact' : ''}`}
      data-testid="notification-group"
      data-conversation={contactId}
    >
      <span className="notification__icon notification__icon--chat">
        <Icon name="chat" size={18} />
      </span>
      <div className="notification__main">
        <button type="button" className="notification__open" onClick={open}>
          <span className="notification__title">
            {unread > 0 && <span className="visually-hidden">{t('notifications.unreadBadge')}: </span>}
            {title}
          </span>
          {preview && <span className="notification__body">{preview}</span>}
        </button>
        <span className="notification__meta">
          <time dateTime={newest.createdAt}>{formatRelative(newest.createdAt, i18n.language)}</time>
          {unread > 0 && (
            <span className="pill pill--count" data-testid="group-unread">
              {t('notifications.group.unread', { count: unread })}
            </span>
          )}
          {!compact && <span className="pill">{t('notifications.types.NEW_MESSAGE')}</span>}
        </span>
      </div>
      <div className="notification__actions">
        {unread > 0 && (
          <button
            type="button"
            className="icon-btn"
            onClick={readAll}
            aria-label={`${t('notifications.markRead')}: ${title}`}
            title={t('notifications.markRead')}
          >
            ✓
          </button>
        )}
      </div>
    </li>
  );
}
