import { markRead, setUnreadCount, updateNotificationLists } from '../lib/inbox-state';
import { useInboxAction } from './inbox-action';

export function useMarkAllNotificationsRead() {
  return useInboxAction<void>(
    () => ({ kind: 'readAll' }),
    (queryClient) => {
      updateNotificationLists(queryClient, (data, filters) => markRead(data, 'all', filters));
      setUnreadCount(queryClient, 0);
    },
  );
}
