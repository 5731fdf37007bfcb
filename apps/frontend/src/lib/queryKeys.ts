// Query keys shared by the features and by the stream observer, which updates their caches.

export interface NotificationFilters {
  status: 'unread' | 'all';
  type: string;
  /** A comma-separated set of priorities (e.g. HIGH,URGENT); any when empty or absent. */
  priority?: string;
}

export const queryKeys = {
  me: ['auth', 'me'] as const,
  notifications: {
    all: ['notifications'] as const,
    lists: ['notifications', 'list'] as const,
    list: (filters: NotificationFilters) => ['notifications', 'list', filters] as const,
    unreadCount: ['notifications', 'unread-count'] as const,
  },
  messaging: {
    all: ['messaging'] as const,
    conversations: ['messaging', 'conversations'] as const,
    thread: (userId: string) => ['messaging', 'thread', userId] as const,
  },
  contacts: {
    all: ['contacts'] as const,
    list: ['contacts', 'list'] as const,
    requests: ['contacts', 'requests'] as const,
  },
  fleet: {
    all: ['fleet'] as const,
    machines: ['fleet', 'machines'] as const,
    machine: (id: string) => ['fleet', 'machine', id] as const,
    plans: (id: string) => ['fleet', 'machine', id, 'plans'] as const,
    readings: (id: string) => ['fleet', 'machine', id, 'readings'] as const,
    quickChecks: (id: string) => ['fleet', 'machine', id, 'quick-checks'] as const,
    dashboard: ['fleet', 'dashboard'] as const,
  },
  imports: {
    all: ['imports'] as const,
    list: ['imports', 'list'] as const,
    detail: (id: string) => ['imports', 'detail', id] as const,
  },
};
