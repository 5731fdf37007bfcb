import { useQuery } from '@tanstack/react-query';
import { notificationPreferencesQueryOptions } from '../lib/notification-preferences';

export function useNotificationPreferences() {
  return useQuery(notificationPreferencesQueryOptions());
}
