// Notifications carry i18n keys and metadata; this turns them into the reader's language.
import type { TFunction } from 'i18next';
import type { AppNotification } from '@/lib/types';
import { formatDate, formatDay } from '@/lib/format';
import { importFailureReason } from '@/lib/import-messages';

/** i18next's `exists`, which resolves plural forms from `count` in the options. */
export type KeyExists = (key: string, options?: Record<string, unknown>) => boolean;

export interface NotificationText {
  title: string;
  body: string;
  /** The operator's notes of a quick check: per failed item, then the general ones. */
  notes: string[];
}

interface FailedDetail {
  key?: unknown;
  label?: unknown;
  notes?: unknown;
}

function itemLabel(t: TFunction, exists: KeyExists, key: string, label?: string): string {
  const k = `fleet.quickCheck.items.${key}`;
  return exists(k) ? String(t(k)) : label || key;
}

function values(n: AppNotification, t: TFunction, exists: KeyExists, language: string): Record<string, unknown> {
  const meta: Record<string, unknown> = { ...(n.metadata ?? {}) };
  if (Array.isArray(meta.failedItems)) {
    // Item keys (older notifications hold labels): named in the reader's language.
    const details = Array.isArray(meta.failedDetails) ? (meta.failedDetails as FailedDetail[]) : [];
    meta.failedItems = meta.failedItems.map((k) => {
      const custom = details.find((d) => d.key === k)?.label;
      return itemLabel(t, exists, String(k), typeof custom === 'string' ? custom : undefined);
    });
  }
  // A document's expiry day in the reader's format.
  if (typeof meta.expiresOn === 'string') meta.expiresOn = formatDay(meta.expiresOn, language);
  // A failed import's reason is the server's English: said in the reader's language.
  if (n.type === 'IMPORT_FINISHED' && typeof meta.reason === 'string' && meta.reason) meta.reason = importFailureReason(meta.reason, t);
  // Every number in the text in the reader's format (12.345,5 h in Spanish); `count` stays a
  // number, for the plural form.
  if (typeof meta.failedCount === 'number') meta.count = meta.failedCount;
  const nf = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
  for (const [key, value] of Object.entries(meta)) {
    if (key !== 'count' && typeof value === 'number') meta[key] = nf.format(value);
  }
  for (const [key, value] of Object.entries(meta)) {
    if (Array.isArray(value)) meta[key] = value.join(', ');
  }
  if (typeof meta.failedCount === 'number') meta.count = meta.failedCount;
  // An issue opened by a checklist item has that item's key (and no title of its own for template items).
  if (typeof meta.itemKey === 'string' && !meta.title) meta.title = itemLabel(t, exists, meta.itemKey);
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
  const vars = values(n, t, exists, language);
  const meta = n.metadata ?? {};
  const notes: string[] = [];
  if (n.type === 'QUICK_CHECK_COMPLETED') {
    for (const d of Array.isArray(meta.failedDetails) ? (meta.failedDetails as FailedDetail[]) : []) {
      if (typeof d.notes === 'string' && d.notes) {
        notes.push(`${itemLabel(t, exists, String(d.key), typeof d.label === 'string' ? d.label : undefined)}: ${d.notes}`);
      }
    }
    if (typeof meta.notes === 'string' && meta.notes) notes.push(String(t('notifications.checkNotes', { notes: meta.notes })));
  }
  return {
    title: translate(t, exists, n.title, vars),
    body: translate(t, exists, n.message, vars),
    notes,
  };
}
