import { adjustUnreadCount, findNotification, markRead, updateNotificationLists } from '../lib/inbox-state';
import { useInboxAction } from './inbox-action';

export function useMarkNotificationRead() {
  return useInboxAction<string>(
    (id) => ({ kind: 'read', id }),
    (queryClient, id) => {
      const wasUnread = findNotification(queryClient, id)?.read === false;
      updateNotificationLists(queryClient, (data, filters) => markRead(data, [id], filters));
      if (wasUnread) adjustUnreadCount(queryClient, -1);
    },
  );
}
