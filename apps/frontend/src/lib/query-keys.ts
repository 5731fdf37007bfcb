// Query keys shared by the features and by the stream observer, which updates their caches.

export interface NotificationFilters {
  status: 'unread' | 'all' | 'archived';
  type: string;
  /** A comma-separated set of priorities (e.g. HIGH,URGENT); any when empty or absent. */
  priority?: string;
}

export const queryKeys = {
  me: ['auth', 'me'] as const,
  notificationPreferences: ['notification-preferences'] as const,
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
    documents: (id: string) => ['fleet', 'machine', id, 'documents'] as const,
    readings: (id: string) => ['fleet', 'machine', id, 'readings'] as const,
    quickChecks: (id: string) => ['fleet', 'machine', id, 'quick-checks'] as const,
    dashboard: ['fleet', 'dashboard'] as const,
  },
  workshop: {
    all: ['workshop'] as const,
    issues: (filters: Record<string, string>) => ['workshop', 'issues', filters] as const,
    issue: (id: string) => ['workshop', 'issue', id] as const,
    workOrders: (filters: Record<string, string>) => ['workshop', 'work-orders', filters] as const,
    workOrder: (id: string) => ['workshop', 'work-order', id] as const,
    history: (machineId: string) => ['workshop', 'history', machineId] as const,
    policy: (machineId: string) => ['workshop', 'policy', machineId] as const,
  },
  imports: {
    all: ['imports'] as const,
    list: ['imports', 'list'] as const,
    detail: (id: string) => ['imports', 'detail', id] as const,
  },
};
