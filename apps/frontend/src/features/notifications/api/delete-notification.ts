import { adjustUnreadCount, findNotification, removeNotification, updateNotificationLists } from '../lib/inbox-state';
import { useInboxAction } from './inbox-action';

export function useDeleteNotification() {
  return useInboxAction<string>(
    (id) => ({ kind: 'delete', id }),
    (queryClient, id) => {
      const wasUnread = findNotification(queryClient, id)?.read === false;
      updateNotificationLists(queryClient, (data) => removeNotification(data, id));
      if (wasUnread) adjustUnreadCount(queryClient, -1);
    },
  );
}
