import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/apiClient';
import { queryKeys } from '@/lib/queryKeys';
import { adjustUnreadCount, findNotification, markRead, updateNotificationLists } from '@/lib/inboxState';

export const markNotificationRead = (id: string) => api.post<void>(`/notifications/${encodeURIComponent(id)}/read`);

export function useMarkNotificationRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markNotificationRead,
    onMutate: (id) => {
      const wasUnread = findNotification(queryClient, id)?.read === false;
      updateNotificationLists(queryClient, (data, filters) => markRead(data, [id], filters));
      if (wasUnread) adjustUnreadCount(queryClient, -1);
    },
    onError: () => queryClient.invalidateQueries({ queryKey: queryKeys.notifications.all }),
  });
}
