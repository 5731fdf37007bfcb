// The inbox state as it lives in the query cache: pure functions over the paged notification
// lists, used both by the stream observer (events from the server) and by the inbox's own
// mutations (optimistic updates). Kept pure so they are tested without React.
import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import { queryKeys, type NotificationFilters } from '@/lib/query-keys';
import type { AppNotification, Page, UnreadCount } from '@/lib/types';

export type NotificationPages = InfiniteData<Page<AppNotification>, string | undefined>;

export function matchesFilters(n: AppNotification, filters: NotificationFilters): boolean {
  if ((filters.status === 'archived') !== !!n.archivedAt) return false;
  if (filters.status === 'unread' && n.read) return false;
  if (filters.type && n.type !== filters.type) return false;
  if (filters.priority && !filters.priority.split(',').includes(n.priority)) return false;
  return true;
}

export function containsNotification(data: NotificationPages, id: string): boolean {
  return data.pages.some((page) => page.items.some((n) => n.id === id));
}

/** Puts a new notification at the top of a list it belongs to, once. */
export function insertNotification(
  data: NotificationPages | undefined,
  n: AppNotification,
  filters: NotificationFilters,
): NotificationPages | undefined {
  if (!data || data.pages.length === 0) return data;
  if (!matchesFilters(n, filters) || containsNotification(data, n.id)) return data;
  const [first, ...rest] = data.pages;
  const items = [n, ...first!.items].sort(
    (a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt),
  );
  return { ...data, pages: [{ ...first!, items }, ...rest] };
}

/** Marks notifications read; an unread-only list lets them go. */
export function markRead(
  data: NotificationPages | undefined,
  ids: readonly string[] | 'all',
  filters: NotificationFilters,
): NotificationPages | undefined {
  if (!data) return data;
  const hit = (n: AppNotification) => ids === 'all' || ids.includes(n.id);
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      items:
        filters.status === 'unread'
          ? page.items.filter((n) => !hit(n))
          : page.items.map((n) => (hit(n) && !n.read ? { ...n, read: true } : n)),
    })),
  };
}

/** Marks one notification unread where it is listed; an archived list lets it go (it returns to the inbox). */
export function markUnread(
  data: NotificationPages | undefined,
  id: string,
  filters: NotificationFilters,
): NotificationPages | undefined {
  if (!data) return data;
  if (filters.status === 'archived') return removeNotification(data, id);
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      items: page.items.map((n) => (n.id === id ? { ...n, read: false, archivedAt: null } : n)),
    })),
  };
}

/** An archived notification leaves every inbox list (the archived list is fetched again). */
export function archiveNotification(
  data: NotificationPages | undefined,
  id: string,
  filters: NotificationFilters,
): NotificationPages | undefined {
  return filters.status === 'archived' ? data : removeNotification(data, id);
}

export function removeNotification(data: NotificationPages | undefined, id: string): NotificationPages | undefined {
  if (!data) return data;
  return {
    ...data,
    pages: data.pages.map((page) => ({ ...page, items: page.items.filter((n) => n.id !== id) })),
  };
}

export function findNotification(queryClient: QueryClient, id: string): AppNotification | undefined {
  for (const [, data] of queryClient.getQueriesData<NotificationPages>({ queryKey: queryKeys.notifications.lists })) {
    for (const page of data?.pages ?? []) {
      const found = page.items.find((n) => n.id === id);
      if (found) return found;
    }
  }
  return undefined;
}

/** Applies one change to every cached notification list, each with its own filters. */
export function updateNotificationLists(
  queryClient: QueryClient,
  update: (data: NotificationPages | undefined, filters: NotificationFilters) => NotificationPages | undefined,
): void {
  for (const [key] of queryClient.getQueriesData<NotificationPages>({ queryKey: queryKeys.notifications.lists })) {
    const filters = (key[2] ?? { status: 'all', type: '' }) as NotificationFilters;
    queryClient.setQueryData<NotificationPages>(key, (old) => update(old, filters));
  }
}

export function setUnreadCount(queryClient: QueryClient, count: number): void {
  queryClient.setQueryData<UnreadCount>(queryKeys.notifications.unreadCount, { count: Math.max(0, count) });
}

export function adjustUnreadCount(queryClient: QueryClient, delta: number): void {
  const current = queryClient.getQueryData<UnreadCount>(queryKeys.notifications.unreadCount);
  if (current) setUnreadCount(queryClient, current.count + delta);
}
