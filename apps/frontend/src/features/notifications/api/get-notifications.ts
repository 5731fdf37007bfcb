import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys, type NotificationFilters } from '@/lib/query-keys';
import type { AppNotification, Page } from '@/lib/types';

export const NOTIFICATIONS_PAGE_SIZE = 20;

export function getNotifications(filters: NotificationFilters, cursor?: string, signal?: AbortSignal) {
  return api.get<Page<AppNotification>>(
    '/notifications',
    filters.status === 'archived'
      ? { archived: 'true', type: filters.type, priority: filters.priority, limit: NOTIFICATIONS_PAGE_SIZE, cursor }
      : { status: filters.status, type: filters.type, priority: filters.priority, limit: NOTIFICATIONS_PAGE_SIZE, cursor },
    signal,
  );
}

export const notificationsQueryOptions = (filters: NotificationFilters) =>
  infiniteQueryOptions({
    queryKey: queryKeys.notifications.list(filters),
    queryFn: ({ pageParam, signal }) => getNotifications(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export function useNotifications(filters: NotificationFilters) {
  return useInfiniteQuery(notificationsQueryOptions(filters));
}
