import { adjustUnreadCount, findNotification, markUnread, updateNotificationLists } from '../lib/inbox-state';
import { useInboxAction } from './inbox-action';

export function useMarkNotificationUnread() {
  return useInboxAction<string>(
    (id) => ({ kind: 'unread', id }),
    (queryClient, id) => {
      const wasRead = findNotification(queryClient, id)?.read === true;
      updateNotificationLists(queryClient, (data, filters) => markUnread(data, id, filters));
      if (wasRead) adjustUnreadCount(queryClient, 1);
    },
  );
}
