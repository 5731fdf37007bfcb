import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { AppNotification } from '@/lib/types';
import { isSameOriginPath } from '@/lib/safe-path';
import { useNotificationText } from '../hooks/use-notification-text';

/** A notification's toast content, in the reader's language: title, text, notes, a link to it. */
export function NotificationToast({ notification: n, onOpen }: { notification: AppNotification; onOpen: () => void }) {
  const { t } = useTranslation();
  const text = useNotificationText()(n);
  return (
    <>
      <strong className="toast__title">{text.title}</strong>
      {text.body && <span className="toast__text">{text.body}</span>}
      {text.notes.length > 0 && (
        <ul className="toast__notes" data-testid="toast-notes">
          {text.notes.slice(0, 3).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      {isSameOriginPath(n.actionUrl) && (
        <Link className="toast__link" to={n.actionUrl!} onClick={onOpen}>
          {t('notifications.open')}
        </Link>
      )}
    </>
  );
}
