import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { NotificationPreferences, TypePreference } from '../lib/notification-preferences';

export const updateNotificationPreferences = (types: TypePreference[]) =>
  api.put<NotificationPreferences>('/notifications/preferences', { types });

export function useUpdateNotificationPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateNotificationPreferences,
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.notificationPreferences, saved),
  });
}
