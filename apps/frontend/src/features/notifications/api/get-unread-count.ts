import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { UnreadCount } from '@/lib/types';

export const getUnreadCount = (signal?: AbortSignal) => api.get<UnreadCount>('/notifications/unread-count', undefined, signal);

export const unreadCountQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.notifications.unreadCount,
    queryFn: ({ signal }) => getUnreadCount(signal),
  });

export function useUnreadCount() {
  return useQuery(unreadCountQueryOptions());
}
