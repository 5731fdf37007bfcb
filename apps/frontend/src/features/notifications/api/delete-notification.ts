import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/apiClient';
import { queryKeys } from '@/lib/queryKeys';
import { adjustUnreadCount, findNotification, removeNotification, updateNotificationLists } from '@/lib/inboxState';

export const deleteNotification = (id: string) => api.delete(`/notifications/${encodeURIComponent(id)}`);

export function useDeleteNotification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteNotification,
    onMutate: (id) => {
      const wasUnread = findNotification(queryClient, id)?.read === false;
      updateNotificationLists(queryClient, (data) => removeNotification(data, id));
      if (wasUnread) adjustUnreadCount(queryClient, -1);
    },
    onError: () => queryClient.invalidateQueries({ queryKey: queryKeys.notifications.all }),
  });
}
