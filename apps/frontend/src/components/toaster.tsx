import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import { useLocation } from 'react-router-dom';
import type { AppNotification } from '@/lib/types';
import { useToasts, type Toast } from './toast-store';

const LIFETIME_MS = 6000;

/** Renders a notification toast's content (the notifications feature does, in the reader's language). */
export type RenderNotification = (notification: AppNotification, dismiss: () => void) => ReactNode;

function ToastItem({ toast, renderNotification }: { toast: Toast; renderNotification?: RenderNotification }) {
  const { t } = useTranslation();
  const dismiss = useToasts((s) => s.dismiss);

  useEffect(() => {
    const lifetime = toast.duration ?? (toast.tone === 'alert' ? LIFETIME_MS * 2 : LIFETIME_MS);
    const timer = setTimeout(() => dismiss(toast.id), lifetime);
    return () => clearTimeout(timer);
  }, [toast.id, toast.tone, toast.duration, dismiss]);

  const n = toast.notification;
  return (
    <li className={`toast toast--${toast.tone}`} data-testid="toast">
      <div className="toast__body">
        {n && renderNotification ? (
          renderNotification(n, () => dismiss(toast.id))
        ) : (
          <span className="toast__text">{toast.text}</span>
        )}
      </div>
      {toast.action && (
        <button
          type="button"
          className="btn btn--secondary btn--small toast__action"
          onClick={() => {
            dismiss(toast.id);
            toast.action!.onClick();
          }}
        >
          {toast.action.label}
        </button>
      )}
      <button type="button" className="icon-btn" onClick={() => dismiss(toast.id)} aria-label={t('notifications.dismiss')}>
        ×
      </button>
    </li>
  );
}

/** A page with a message composer at the bottom (a conversation): toasts go to the top there. */
const COMPOSER_PAGE = /^\/messages\/[^/]+/;

/** Toasts, announced politely by screen readers (the list is a live region). They never cover a composer. */
export function Toaster({ renderNotification }: { renderNotification?: RenderNotification }) {
  const { t } = useTranslation();
  const toasts = useToasts((s) => s.toasts);
  const { pathname } = useLocation();
  const top = COMPOSER_PAGE.test(pathname);
  return (
    <div className={top ? 'toaster toaster--top' : 'toaster'} data-testid="toaster" aria-live="polite" aria-relevant="additions" role="region" aria-label={t('notifications.title')}>
      <ul>
        {toasts.map((toast) => (
          <ToastItem key={toast.id} toast={toast} renderNotification={renderNotification} />
        ))}
      </ul>
    </div>
  );
}
