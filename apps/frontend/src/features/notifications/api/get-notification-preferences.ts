import { useQuery } from '@tanstack/react-query';
import { notificationPreferencesQueryOptions } from '@/lib/notificationPreferences';

export function useNotificationPreferences() {
  return useQuery(notificationPreferencesQueryOptions());
}
