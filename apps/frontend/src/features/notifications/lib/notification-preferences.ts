// The user's notification preferences, shared by the settings page and the stream observer,
// which decides from them whether a notification toasts or shows on the desktop. The server
// applies the in-app switch itself (a muted type is never created).
import { queryOptions } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { AppNotification, NotificationPreferences } from '@/lib/types';

export type { NotificationPreferences, TypePreference } from '@/lib/types';

export const getNotificationPreferences = (signal?: AbortSignal) =>
  api.get<NotificationPreferences>('/notifications/preferences', undefined, signal);

export const notificationPreferencesQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.notificationPreferences,
    queryFn: ({ signal }) => getNotificationPreferences(signal),
    staleTime: 60_000, // the stream's notification.preferences event refetches them sooner
  });

export interface Presentation {
  toast: boolean;
  desktop: boolean;
}

/**
 * How a new notification is shown: HIGH and URGENT always toast and go to the desktop; below
 * that a quiet type shows in the inbox and badge only, and a type with desktop off only toasts.
 * Preferences not loaded yet: shown as by default.
 */
export function presentation(prefs: NotificationPreferences | undefined, n: Pick<AppNotification, 'type' | 'priority'>): Presentation {
  if (n.priority === 'HIGH' || n.priority === 'URGENT') return { toast: true, desktop: true };
  const p = prefs?.types.find((t) => t.type === n.type);
  if (!p) return { toast: true, desktop: true };
  if (p.quiet) return { toast: false, desktop: false };
  return { toast: true, desktop: p.desktop };
}
