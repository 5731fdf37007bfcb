import type { AppNotification } from '@/lib/types';

/** A notification as the API returns it, for tests: unread, NORMAL, SYSTEM unless told. */
export const makeNotification = (id: string, extra: Partial<AppNotification> = {}): AppNotification => ({
  id,
  userId: 'me',
  type: 'SYSTEM',
  title: '',
  message: '',
  metadata: {},
  actionUrl: null,
  priority: 'NORMAL',
  source: 'system',
  read: false,
  readAt: null,
  archivedAt: null,
  createdAt: new Date().toISOString(),
  ...extra,
});
