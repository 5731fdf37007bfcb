import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/apiClient';
import { queryKeys } from '@/lib/queryKeys';
import type { NotificationPreferences, TypePreference } from '@/lib/notificationPreferences';

export const updateNotificationPreferences = (types: TypePreference[]) =>
  api.put<NotificationPreferences>('/notifications/preferences', { types });

export function useUpdateNotificationPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateNotificationPreferences,
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.notificationPreferences, saved),
  });
}
