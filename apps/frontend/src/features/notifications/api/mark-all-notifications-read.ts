import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/apiClient';
import { queryKeys } from '@/lib/queryKeys';
import { markRead, setUnreadCount, updateNotificationLists } from '@/lib/inboxState';

export const markAllNotificationsRead = () => api.post<void>('/notifications/read-all');

export function useMarkAllNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markAllNotificationsRead,
    onMutate: () => {
      updateNotificationLists(queryClient, (data, filters) => markRead(data, 'all', filters));
      setUnreadCount(queryClient, 0);
    },
    onError: () => queryClient.invalidateQueries({ queryKey: queryKeys.notifications.all }),
  });
}
