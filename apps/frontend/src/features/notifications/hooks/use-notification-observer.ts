// Mounted once, at the app's provider: turns the live stream's events into query-cache
// updates. setQueryData for what the event carries (the inbox lists, the badge, the open
// conversation), invalidateQueries for what the event announces (a machine's plans, contact
// requests...), a toast for each new notification and a desktop one when allowed.
import { useEffect, useRef } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createSSEClient, type SSEClient } from '@/services/sse-client';
import { API_BASE, apiRequest, ApiError } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { archiveNotification, insertNotification, markRead, markUnread, removeNotification, setUnreadCount, updateNotificationLists } from '../lib/inbox-state';
import { flushOfflineQueue, sendQueuedAction, useOfflineQueue } from '@/lib/offline-queue';
import { pendingDeletes } from '../lib/pending-deletes';
import { useStreamStatus } from '@/lib/stream-status';
import { showDesktopNotification } from '../lib/browser-notifications';
import { describeNotification } from '../lib/notification-text';
import { useToasts } from '@/components/toast-store';
import i18n from '@/lib/i18n';
import { appendMessage, applyReadReceipt, type ThreadPages } from '@/lib/thread-cache';
import type { AppNotification, FleetChange, ImportEvent, ImportJob, Message } from '@/lib/types';
import { notificationPreferencesQueryOptions, presentation, type NotificationPreferences } from '../lib/notification-preferences';

export const STREAM_URL = `${API_BASE}/notifications/stream`;
export const STREAM_EVENTS = [
  'connected',
  'notification',
  'notification.read',
  'notification.deleted',
  'notification.unread',
  'notification.archived',
  'unread-count',
  'reset',
  'shutdown',
  'import.progress',
  'import.finished',
  'fleet.changed',
  'notification.preferences',
  'message.read',
] as const;

/** After the browser closed the stream, is the session gone? */
async function sessionIsGone(): Promise<boolean> {
  try {
    await apiRequest('/users/me', { allowUnauthorized: true });
    return false;
  } catch (err) {
    return err instanceof ApiError && err.status === 401;
  }
}

export function createNotificationStream(): SSEClient {
  return createSSEClient({
    url: STREAM_URL,
    events: STREAM_EVENTS,
    isUnauthorized: sessionIsGone,
    // The browser's own retry waits the server's `retry` (3 s); the client's backoff starts
    // below a second, so a crashed server's clients are back soon after it is.
    browserRetries: 0,
  });
}

export interface NotificationObserverOptions {
  /** Observe only while signed in; turning it off stops the stream (logout). */
  enabled: boolean;
  /** The stream was refused with 401: the app shows the sign-in page. */
  onUnauthorized?: () => void;
  createClient?: () => SSEClient;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

/** Appends the message a NEW_MESSAGE announces to its conversation, if that one is loaded. */
function appendToThread(queryClient: QueryClient, n: AppNotification): void {
  const meta = n.metadata ?? {};
  const other = str(meta.conversationWith) ?? str(meta.senderId);
  const messageId = str(meta.messageId);
  if (!other || !messageId) return;
  const key = queryKeys.messaging.thread(other);
  const message: Message = {
    id: messageId,
    senderId: str(meta.senderId) ?? other,
    recipientId: n.userId,
    content: str(meta.preview) ?? '',
    createdAt: n.createdAt,
    readAt: null,
  };
  queryClient.setQueryData<ThreadPages>(key, (data) => appendMessage(data, message));
  // The preview holds only the first 100 characters: fetch the real message.
  void queryClient.invalidateQueries({ queryKey: key });
  void queryClient.invalidateQueries({ queryKey: queryKeys.messaging.conversations });
}

/** What each kind of notification announces, beyond itself. */
function invalidateAnnounced(queryClient: QueryClient, n: AppNotification): void {
  const machineId = str(n.metadata?.machineId);
  switch (n.type) {
    case 'NEW_MESSAGE':
      appendToThread(queryClient, n);
      break;
    case 'CONTACT_REQUEST':
      void queryClient.invalidateQueries({ queryKey: queryKeys.contacts.requests });
      break;
    case 'CONTACT_ACCEPTED':
      void queryClient.invalidateQueries({ queryKey: queryKeys.contacts.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.messaging.conversations });
      break;
    case 'MAINTENANCE_ALERT':
    case 'QUICK_CHECK_COMPLETED':
    case 'DOCUMENT_EXPIRY':
      void queryClient.invalidateQueries({ queryKey: queryKeys.fleet.machines });
      void queryClient.invalidateQueries({ queryKey: queryKeys.fleet.dashboard });
      if (machineId) void queryClient.invalidateQueries({ queryKey: queryKeys.fleet.machine(machineId) });
      break;
    case 'IMPORT_FINISHED': {
      const importId = str(n.metadata?.importId);
      if (importId) void queryClient.invalidateQueries({ queryKey: queryKeys.imports.detail(importId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.imports.list });
      break;
    }
    default:
      break;
  }
}

/** A message of the conversation open in a visible tab: it is read as it arrives, no toast. */
function isOpenConversation(n: AppNotification): boolean {
  if (n.type !== 'NEW_MESSAGE' || typeof window === 'undefined') return false;
  if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return false;
  const other = str(n.metadata?.conversationWith) ?? str(n.metadata?.senderId);
  return !!other && window.location.pathname === `/messages/${other}`;
}

/**
 * Messages of the conversation open in a visible tab are read as they arrive: they go into the
 * lists read, the conversation is marked read on the server, and until the server confirms it
 * (its `notification.read`) the badge does not count them, so it never jumps up and back.
 */
export class ReadOnArrival {
  private readonly pending = new Set<string>();

  constructor(private readonly queryClient: QueryClient) {}

  read(n: AppNotification): void {
    const other = str(n.metadata?.conversationWith) ?? str(n.metadata?.senderId);
    if (!other) return;
    this.pending.add(n.id);
    updateNotificationLists(this.queryClient, (data, filters) => markRead(data, [n.id], filters));
    apiRequest(`/messages/conversations/${encodeURIComponent(other)}/read`, { method: 'POST' }).catch(() => {
      // Not read after all (offline, refused): count it again and show it unread.
      this.pending.delete(n.id);
      void this.queryClient.invalidateQueries({ queryKey: queryKeys.notifications.all });
    });
  }

  /** The server's read event: these no longer need discounting. */
  confirmed(ids: readonly string[] | 'all'): void {
    if (ids === 'all') this.pending.clear();
    else ids.forEach((id) => this.pending.delete(id));
  }

  /** The count to show for the server's `count`: without the ones read here and not yet confirmed. */
  count(count: number): number {
    return Math.max(0, count - this.pending.size);
  }
}

export function handleNotificationEvent(
  queryClient: QueryClient,
  n: AppNotification,
  options: { quiet?: boolean; readOnArrival?: ReadOnArrival } = {},
): void {
  // The badge is not touched here: the server follows every change with `unread-count`.
  updateNotificationLists(queryClient, (data, filters) => insertNotification(data, n, filters));
  refetchListsInFlight(queryClient);
  invalidateAnnounced(queryClient, n);
  if (isOpenConversation(n)) {
    if (!n.read) options.readOnArrival?.read(n);
    return;
  }
  if (options.quiet) return;

  // The user's preferences: a quiet type only reaches the inbox and badge, desktop may be off.
  const shown = presentation(queryClient.getQueryData<NotificationPreferences>(queryKeys.notificationPreferences), n);
  if (!shown.toast) return;
  const tone = n.priority === 'HIGH' || n.priority === 'URGENT' ? 'alert' : 'info';
  useToasts.getState().push({ id: `n-${n.id}`, tone, notification: n });
  if (!shown.desktop) return;
  const text = describeNotification(n, i18n.t, (k, o) => i18n.exists(k, o), i18n.language);
  showDesktopNotification(n.id, text.title, text.body, n.actionUrl);
}

/**
 * A list answer already on its way may predate the event just applied, and would overwrite it
 * when it lands: cancel it and ask again (the server stores before it publishes, so the new
 * answer includes what the event said).
 */
function refetchListsInFlight(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({
    queryKey: queryKeys.notifications.lists,
    predicate: (query) => query.state.fetchStatus === 'fetching',
  });
}

/** The count from the stream is the newest there is: an older answer on its way must not win. */
function setCountFromStream(queryClient: QueryClient, count: number): void {
  if (queryClient.isFetching({ queryKey: queryKeys.notifications.unreadCount }) > 0) {
    // Cancelling is synchronous for the pending answer: it can no longer land.
    void queryClient.cancelQueries({ queryKey: queryKeys.notifications.unreadCount }, { revert: false, silent: true });
  }
  // Deletes still inside their undo window are counted by the server but hidden here.
  setUnreadCount(queryClient, count - pendingDeletes.unreadCount());
}

export function handleReadEvent(queryClient: QueryClient, payload: { ids?: string[]; all?: boolean }): void {
  const ids = payload.all ? 'all' : (payload.ids ?? []);
  if (ids !== 'all' && ids.length === 0) return;
  updateNotificationLists(queryClient, (data, filters) => markRead(data, ids, filters));
  refetchListsInFlight(queryClient);
}

export function handleDeletedEvent(queryClient: QueryClient, payload: { ids?: string[] }): void {
  const ids = payload.ids ?? [];
  if (ids.length === 0) return;
  updateNotificationLists(queryClient, (data) => ids.reduce((d, id) => removeNotification(d, id), data));
  refetchListsInFlight(queryClient);
}

/**
 * notification.unread / notification.archived (from another tab or device): applied to the lists
 * held, then the lists are fetched again for what they cannot tell (an unread-only or archived
 * list gains one it did not hold); the count follows in its own event.
 */
export function handleUnreadOrArchivedEvent(queryClient: QueryClient, payload: { ids?: string[] }, archived: boolean): void {
  const ids = payload.ids ?? [];
  if (ids.length === 0) return;
  updateNotificationLists(queryClient, (data, filters) =>
    ids.reduce((d, id) => (archived ? archiveNotification(d, id, filters) : markUnread(d, id, filters)), data),
  );
  void queryClient.invalidateQueries({ queryKey: queryKeys.notifications.lists });
}

/**
 * fleet.changed says which machines changed (none named: many, e.g. an import): refetch the
 * dashboard, the machine list and what is loaded of those machines (plans, readings, checks).
 */
export function handleFleetChanged(queryClient: QueryClient, change: FleetChange): void {
  void queryClient.invalidateQueries({ queryKey: queryKeys.fleet.dashboard });
  void queryClient.invalidateQueries({ queryKey: queryKeys.fleet.machines });
  // Issues, work orders and service history of the changed machines.
  void queryClient.invalidateQueries({ queryKey: queryKeys.workshop.all });
  const ids = change.machineIds ?? [];
  if (ids.length === 0) {
    void queryClient.invalidateQueries({ queryKey: ['fleet', 'machine'] });
    return;
  }
  for (const id of ids) void queryClient.invalidateQueries({ queryKey: queryKeys.fleet.machine(id) });
}

/**
 * import.progress carries the job's counts: applied to the loaded job at once (the progress bar);
 * import.finished also refetches the job (its row errors) and the list of jobs.
 */
export function handleImportEvent(queryClient: QueryClient, e: ImportEvent, finished: boolean): void {
  queryClient.setQueryData<ImportJob>(queryKeys.imports.detail(e.id), (job) => {
    if (!job) return job;
    // A late progress event never moves a bar backwards.
    if (!finished && (job.status === 'COMPLETED' || job.status === 'FAILED' || e.processed < job.processed)) return job;
    return { ...job, ...e, reason: e.reason ?? job.reason, finishedAt: e.finishedAt ?? job.finishedAt };
  });
  if (finished) {
    void queryClient.invalidateQueries({ queryKey: queryKeys.imports.detail(e.id) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.imports.list });
  }
}

const isObject = (data: unknown): data is Record<string, unknown> => !!data && typeof data === 'object';

export function useNotificationObserver({ enabled, onUnauthorized, createClient }: NotificationObserverOptions): void {
  const queryClient = useQueryClient();
  const setStatus = useStreamStatus((s) => s.setStatus);
  const setRetryNow = useStreamStatus((s) => s.setRetryNow);
  const unauthorizedRef = useRef(onUnauthorized);
  useEffect(() => {
    unauthorizedRef.current = onUnauthorized;
  });
  const factoryRef = useRef(createClient ?? createNotificationStream);

  useEffect(() => {
    if (!enabled) return;
    const client = factoryRef.current();
    let connectedOnce = false;
    // After a reconnect the server replays what was missed, then sends the count: what arrives
    // in between is announced by one summary toast instead of one toast each.
    let replaying = false;
    let replayed: AppNotification[] = [];
    setRetryNow(() => client.reconnectNow());
    const readOnArrival = new ReadOnArrival(queryClient);

    const offs = [
      client.on('connected', () => {
        // After a reconnect the lists are fetched again, for what a resume cannot replay (a first
        // connection that never saw an id); the count comes with the connection itself.
        // What was done while offline goes first; after a reconnect the lists are fetched after it.
        const flushed = flushOfflineQueue(sendQueuedAction);
        if (connectedOnce) {
          replaying = true;
          replayed = [];
          const refetch = () => void queryClient.invalidateQueries({ queryKey: queryKeys.notifications.lists });
          if (useOfflineQueue.getState().actions.length === 0) refetch();
          else void flushed.finally(refetch);
          // Announcements are not replayed: what they would have changed is fetched again.
          void queryClient.invalidateQueries({ queryKey: queryKeys.fleet.all });
          void queryClient.invalidateQueries({ queryKey: queryKeys.imports.all });
        }
        connectedOnce = true;
        // How notifications are shown depends on the preferences: have them at hand.
        void queryClient.prefetchQuery(notificationPreferencesQueryOptions());
      }),
      client.on('notification', (data) => {
        if (!data || typeof data !== 'object' || !('id' in data)) return;
        handleNotificationEvent(queryClient, data as AppNotification, { quiet: replaying, readOnArrival });
        if (replaying) replayed.push(data as AppNotification);
      }),
      client.on('notification.deleted', (data) => {
        if (data && typeof data === 'object') handleDeletedEvent(queryClient, data as { ids?: string[] });
      }),
      client.on('notification.unread', (data) => {
        if (isObject(data)) handleUnreadOrArchivedEvent(queryClient, data as { ids?: string[] }, false);
      }),
      client.on('notification.archived', (data) => {
        if (isObject(data)) handleUnreadOrArchivedEvent(queryClient, data as { ids?: string[] }, true);
      }),
      client.on('notification.read', (data) => {
        if (!data || typeof data !== 'object') return;
        const read = data as { ids?: string[]; all?: boolean };
        readOnArrival.confirmed(read.all ? 'all' : (read.ids ?? []));
        handleReadEvent(queryClient, read);
      }),
      client.on('reset', () => {
        // The server could not replay from our last id (purged by the TTL, or deleted): what
        // we hold may miss items, so the inbox and the badge are fetched again.
        void queryClient.invalidateQueries({ queryKey: queryKeys.notifications.lists });
        void queryClient.invalidateQueries({ queryKey: queryKeys.notifications.unreadCount });
      }),
      client.on('unread-count', (data) => {
        const count = (data as { count?: unknown } | null)?.count;
        if (typeof count === 'number') setCountFromStream(queryClient, readOnArrival.count(count));
        if (replaying) {
          replaying = false;
          if (replayed.length > 0) {
            const high = replayed.some((n) => n.priority === 'HIGH' || n.priority === 'URGENT');
            useToasts.getState().push({
              id: `missed-${replayed[replayed.length - 1]!.id}`,
              tone: high ? 'alert' : 'info',
              text: i18n.t('notifications.missed', { count: replayed.length }),
            });
          }
          replayed = [];
        }
      }),
      client.on('fleet.changed', (data) => {
        if (isObject(data)) handleFleetChanged(queryClient, data as unknown as FleetChange);
      }),
      client.on('notification.preferences', () => {
        // Changed in another tab or on another device.
        void queryClient.invalidateQueries({ queryKey: queryKeys.notificationPreferences });
      }),
      client.on('message.read', (data) => {
        // A read receipt: the reader read what we sent them, up to one message.
        if (!isObject(data) || typeof data.conversationWith !== 'string' || typeof data.upToMessageId !== 'string') return;
        const receipt = { conversationWith: data.conversationWith, upToMessageId: data.upToMessageId, readAt: String(data.readAt) };
        queryClient.setQueryData<ThreadPages>(queryKeys.messaging.thread(receipt.conversationWith), (d) => applyReadReceipt(d, receipt));
      }),
      client.on('import.progress', (data) => {
        if (isObject(data) && typeof data.id === 'string') handleImportEvent(queryClient, data as unknown as ImportEvent, false);
      }),
      client.on('import.finished', (data) => {
        if (isObject(data) && typeof data.id === 'string') handleImportEvent(queryClient, data as unknown as ImportEvent, true);
      }),
      client.onStatus((status) => {
        setStatus(status, client.retryAt ?? null);
        if (status === 'unauthorized') unauthorizedRef.current?.();
      }),
    ];
    client.start();
    return () => {
      offs.forEach((off) => off());
      client.stop();
      setStatus('stopped');
    };
  }, [enabled, queryClient, setStatus, setRetryNow]);
}
