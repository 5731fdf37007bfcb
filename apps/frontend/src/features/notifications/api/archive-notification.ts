import { adjustUnreadCount, archiveNotification, findNotification, updateNotificationLists } from '../lib/inbox-state';
import { useInboxAction } from './inbox-action';

/** Archiving keeps the notification (listed under Archived) and reads it. */
export function useArchiveNotification() {
  return useInboxAction<string>(
    (id) => ({ kind: 'archive', id }),
    (queryClient, id) => {
      const wasUnread = findNotification(queryClient, id)?.read === false;
      updateNotificationLists(queryClient, (data, filters) => archiveNotification(data, id, filters));
      if (wasUnread) adjustUnreadCount(queryClient, -1);
    },
  );
}
