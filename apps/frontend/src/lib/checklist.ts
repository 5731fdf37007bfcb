// The standard pre-use checklist (the server's quickcheck template) and how an item is named
// for the reader: template items by key in the reader's language, custom items by their label.
import type { TFunction } from 'i18next';
import type { Severity } from './types';

export const CHECKLIST_VERSION = 1;
export const CHECKLIST_KEYS = ['engineOil', 'hydraulics', 'tyres', 'lights', 'brakes', 'safety', 'leaks'] as const;

/** A failed item's severity until the operator picks another: the server's default for the
 * template (failing brakes or safety devices stop a machine: HIGH; anything else MEDIUM). */
export function defaultSeverity(key: string): Severity {
  return key === 'brakes' || key === 'safety' ? 'HIGH' : 'MEDIUM';
}

/** Whether a checked item failed: by its status (N/A is not a failure), by `passed` on a check stored before statuses. */
export function isFailedItem(item: { status?: string | null; passed: boolean }): boolean {
  return item.status === 'FAILED' || (!item.status && item.passed === false);
}

/** The reader's name for an item; a stored label (custom items, or old checks) when the key is unknown. */
export function checklistLabel(t: TFunction, exists: (key: string) => boolean, key: string, label?: string | null): string {
  const k = `fleet.quickCheck.items.${key}`;
  if (exists(k)) return String(t(k));
  return label || key;
}
