import { describe, expect, it } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '@/lib/query-keys';
import {
  adjustUnreadCount,
  archiveNotification,
  findNotification,
  insertNotification,
  markRead,
  markUnread,
  matchesFilters,
  removeNotification,
  updateNotificationLists,
  type NotificationPages,
} from './inbox-state';
import type { AppNotification } from '@/lib/types';

const n = (id: string, at: string, extra: Partial<AppNotification> = {}): AppNotification => ({
  id,
  userId: 'u',
  type: 'SYSTEM',
  title: 't',
  message: 'm',
  metadata: {},
  actionUrl: null,
  priority: 'NORMAL',
  source: 'system',
  read: false,
  readAt: null,
  archivedAt: null,
  createdAt: at,
  ...extra,
});

const data = (...pages: AppNotification[][]): NotificationPages => ({
  pages: pages.map((items, i) => ({ items, nextCursor: i < pages.length - 1 ? `c${i}` : null })),
  pageParams: pages.map((_, i) => (i === 0 ? undefined : `c${i - 1}`)),
});

const ids = (d: NotificationPages | undefined) => d!.pages.map((p) => p.items.map((x) => x.id));
const ALL = { status: 'all' as const, type: '' };
const UNREAD = { status: 'unread' as const, type: '' };

describe('inbox state', () => {
  it('inserts newest first, only into lists whose filters it matches, never twice', () => {
    const d = data([n('2', '2026-01-02T00:00:00Z'), n('1', '2026-01-01T00:00:00Z')], [n('0', '2025-12-31T00:00:00Z')]);
    const withNew = insertNotification(d, n('3', '2026-01-03T00:00:00Z'), ALL);
    expect(ids(withNew)).toEqual([['3', '2', '1'], ['0']]);
    expect(insertNotification(withNew, n('3', '2026-01-03T00:00:00Z'), ALL)).toBe(withNew);
    expect(insertNotification(d, n('4', '2026-01-04T00:00:00Z', { type: 'NEW_MESSAGE' }), { status: 'all', type: 'SYSTEM' })).toBe(d);
    expect(insertNotification(d, n('5', '2026-01-05T00:00:00Z', { read: true }), UNREAD)).toBe(d);
    expect(insertNotification(undefined, n('6', '2026-01-06T00:00:00Z'), ALL)).toBeUndefined();
  });

  it('a replayed, older notification takes its place by time', () => {
    const d = data([n('9', '2026-01-09T00:00:00Z'), n('7', '2026-01-07T00:00:00Z')]);
    expect(ids(insertNotification(d, n('8', '2026-01-08T00:00:00Z'), ALL))).toEqual([['9', '8', '7']]);
  });

  it('marks read: kept and flagged in "all", dropped from "unread"', () => {
    const d = data([n('2', '2026-01-02T00:00:00Z'), n('1', '2026-01-01T00:00:00Z')]);
    const all = markRead(d, ['2'], ALL)!;
    expect(all.pages[0]!.items.map((x) => x.read)).toEqual([true, false]);
    expect(ids(markRead(d, ['2'], UNREAD))).toEqual([['1']]);
    expect(markRead(d, 'all', ALL)!.pages[0]!.items.every((x) => x.read)).toBe(true);
    expect(ids(markRead(d, 'all', UNREAD))).toEqual([[]]);
  });

  it('removes a deleted notification from whichever page holds it', () => {
    const d = data([n('2', '2026-01-02T00:00:00Z')], [n('1', '2026-01-01T00:00:00Z')]);
    expect(ids(removeNotification(d, '1'))).toEqual([['2'], []]);
  });

  it('updates every cached list with its own filters and keeps the badge non-negative', () => {
    const qc = new QueryClient();
    qc.setQueryData(queryKeys.notifications.list(ALL), data([n('1', '2026-01-01T00:00:00Z')]));
    qc.setQueryData(queryKeys.notifications.list(UNREAD), data([n('1', '2026-01-01T00:00:00Z')]));
    updateNotificationLists(qc, (d, f) => markRead(d, ['1'], f));
    expect(ids(qc.getQueryData(queryKeys.notifications.list(UNREAD)))).toEqual([[]]);
    expect(findNotification(qc, '1')?.read).toBe(true);
    qc.setQueryData(queryKeys.notifications.unreadCount, { count: 1 });
    adjustUnreadCount(qc, -1);
    adjustUnreadCount(qc, -1);
    expect(qc.getQueryData(queryKeys.notifications.unreadCount)).toEqual({ count: 0 });
  });
});

describe('mark unread and archive', () => {
  const ALL = { status: 'all', type: '' } as const;
  const ARCHIVED = { status: 'archived', type: '' } as const;
  const ids = (d: NotificationPages | undefined) => d!.pages.flatMap((p) => p.items.map((x) => `${x.id}:${x.read ? 'read' : 'unread'}`));

  it('marks unread in the inbox and lets an archived one go from the archive list', () => {
    const inbox = data([n('2', '2026-01-02', { read: true }), n('1', '2026-01-01', { read: true })]);
    expect(ids(markUnread(inbox, '2', ALL))).toEqual(['2:unread', '1:read']);
    const archive = data([n('3', '2026-01-03', { read: true, archivedAt: '2026-01-04' })]);
    expect(ids(markUnread(archive, '3', ARCHIVED))).toEqual([]);
  });

  it('takes an archived one out of the inbox lists only', () => {
    const inbox = data([n('2', '2026-01-02'), n('1', '2026-01-01')]);
    expect(ids(archiveNotification(inbox, '2', ALL))).toEqual(['1:unread']);
    const archive = data([n('3', '2026-01-03', { archivedAt: '2026-01-04' })]);
    expect(archiveNotification(archive, '2', ARCHIVED)).toBe(archive);
  });

  it('keeps new notifications out of the archive and archived ones out of the inbox', () => {
    expect(matchesFilters(n('1', '2026-01-01'), ARCHIVED)).toBe(false);
    expect(matchesFilters(n('1', '2026-01-01', { archivedAt: '2026-01-02' }), ALL)).toBe(false);
    expect(matchesFilters(n('1', '2026-01-01', { archivedAt: '2026-01-02' }), ARCHIVED)).toBe(true);
  });
});
