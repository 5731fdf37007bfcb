import type { TFunction } from 'i18next';
import type { Issue } from './types';

/** An issue's title: a template checklist item is named in the reader's language from its key. */
export function issueTitle(i: Pick<Issue, 'title' | 'itemKey'>, t: TFunction, exists: (k: string) => boolean): string {
  if (i.title) return i.title;
  const k = `fleet.quickCheck.items.${i.itemKey ?? ''}`;
  return i.itemKey && exists(k) ? String(t(k)) : (i.itemKey ?? '');
}
