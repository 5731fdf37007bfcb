// Notifications carry i18n keys and metadata; this turns them into the reader's language.
import type { TFunction } from 'i18next';
import type { AppNotification } from './types';
import { formatDate } from './format';

/** i18next's `exists`, which resolves plural forms from `count` in the options. */
export type KeyExists = (key: string, options?: Record<string, unknown>) => boolean;

export interface NotificationText {
  title: string;
  body: string;
}

function values(n: AppNotification, t: TFunction, language: string): Record<string, unknown> {
  const meta: Record<string, unknown> = { ...(n.metadata ?? {}) };
  for (const [key, value] of Object.entries(meta)) {
    if (Array.isArray(value)) meta[key] = value.join(', ');
  }
  if (typeof meta.failedCount === 'number') meta.count = meta.failedCount;
  const hours = meta.nextDueHours;
  const at = typeof meta.nextDueAt === 'string' ? formatDate(meta.nextDueAt, language) : null;
  meta.due =
    hours != null && at
      ? t('notification.due.both', { hours, date: at })
      : hours != null
        ? t('notification.due.hours', { hours })
        : at
          ? t('notification.due.date', { date: at })
          : '';
  return meta;
}

function translate(t: TFunction, exists: KeyExists, key: string, vars: Record<string, unknown>): string {
  if (!key) return '';
  // Keys the app does not know (a SYSTEM notification's free text) are shown as they are.
  return exists(key, vars) ? String(t(key, vars)) : key;
}

export function describeNotification(
  n: AppNotification,
  t: TFunction,
  exists: KeyExists,
  language: string,
): NotificationText {
  const vars = values(n, t, language);
  return {
    title: translate(t, exists, n.title, vars),
    body: translate(t, exists, n.message, vars),
  };
}
