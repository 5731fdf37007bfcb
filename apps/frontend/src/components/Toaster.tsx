import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { describeNotification } from '@/lib/notificationText';
import { useToasts, type Toast } from './toastStore';
import { isSameOriginPath } from '@/lib/safePath';

const LIFETIME_MS = 6000;

function ToastItem({ toast }: { toast: Toast }) {
  const { t, i18n } = useTranslation();
  const dismiss = useToasts((s) => s.dismiss);

  useEffect(() => {
    const timer = setTimeout(() => dismiss(toast.id), toast.tone === 'alert' ? LIFETIME_MS * 2 : LIFETIME_MS);
    return () => clearTimeout(timer);
  }, [toast.id, toast.tone, dismiss]);

  const n = toast.notification;
  const text = n ? describeNotification(n, t, (k, o) => i18n.exists(k, o), i18n.language) : null;
  return (
    <li className={`toast toast--${toast.tone}`} data-testid="toast">
      <div className="toast__body">
        {text ? (
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
            {isSameOriginPath(n?.actionUrl) && (
              <Link className="toast__link" to={n!.actionUrl!} onClick={() => dismiss(toast.id)}>
                {t('notifications.open')}
              </Link>
            )}
          </>
        ) : (
          <span className="toast__text">{toast.text}</span>
        )}
      </div>
      <button type="button" className="icon-btn" onClick={() => dismiss(toast.id)} aria-label={t('notifications.dismiss')}>
        ×
      </button>
    </li>
  );
}

/** A page with a message composer at the bottom (a conversation): toasts go to the top there. */
const COMPOSER_PAGE = /^\/messages\/[^/]+/;

/** Toasts, announced politely by screen readers (the list is a live region). They never cover a composer. */
export function Toaster() {
  const { t } = useTranslation();
  const toasts = useToasts((s) => s.toasts);
  const { pathname } = useLocation();
  const top = COMPOSER_PAGE.test(pathname);
  return (
    <div className={top ? 'toaster toaster--top' : 'toaster'} data-testid="toaster" aria-live="polite" aria-relevant="additions" role="region" aria-label={t('notifications.title')}>
      <ul>
        {toasts.map((toast) => (
          <ToastItem key={toast.id} toast={toast} />
        ))}
      </ul>
    </div>
  );
}
