// Actions that are safe to send twice wait here while the server cannot be reached, and are sent
// when the connection returns: the optimistic change stays on screen, marked as pending, instead
// of being silently undone. The inbox's (mark read or unread, mark all read, archive, delete) and
// reading a conversation. Kept on this device (localStorage) so a reload does not lose them. Any
// other failure is not queued: the caller rolls its change back and says why, in the reader's
// language. Shared by the notifications and messaging features; the stream observer flushes it
// when the stream connects.
import { create } from 'zustand';
import { api, ApiError } from '@/lib/api-client';
import { isUnreachableStatus } from '@/lib/api-status';

export type QueuedAction =
  | { kind: 'read'; id: string }
  | { kind: 'readAll' }
  | { kind: 'delete'; id: string }
  | { kind: 'unread'; id: string }
  | { kind: 'archive'; id: string }
  /** Reading a conversation: `id` is the other person's user id. */
  | { kind: 'conversationRead'; id: string };

/** Sends one queued action to the server. */
export function sendQueuedAction(action: QueuedAction): Promise<unknown> {
  switch (action.kind) {
    case 'read':
      return api.post<void>(`/notifications/${encodeURIComponent(action.id)}/read`);
    case 'readAll':
      return api.post<void>('/notifications/read-all');
    case 'delete':
      return api.delete(`/notifications/${encodeURIComponent(action.id)}`);
    case 'unread':
      return api.post<void>(`/notifications/${encodeURIComponent(action.id)}/unread`);
    case 'archive':
      return api.post<void>(`/notifications/${encodeURIComponent(action.id)}/archive`);
    case 'conversationRead':
      return api.post<void>(`/messages/conversations/${encodeURIComponent(action.id)}/read`);
  }
}

/** Sends an action; one the server cannot be reached for waits in the queue. Any other failure is thrown. */
export async function sendOrQueue(action: QueuedAction): Promise<'sent' | 'queued'> {
  try {
    await sendQueuedAction(action);
    return 'sent';
  } catch (err) {
    if (!isUnreachable(err)) throw err;
    useOfflineQueue.getState().add(action);
    return 'queued';
  }
}

const STORAGE_KEY = 'fleetman.pendingActions';

/** The server could not be reached (no answer, or a proxy's 502/503/504 while it restarts). */
export function isUnreachable(err: unknown): boolean {
  return err instanceof ApiError && isUnreachableStatus(err.status);
}

function load(): QueuedAction[] {
  try {
    const raw = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
    return raw ? (JSON.parse(raw) as QueuedAction[]) : [];
  } catch {
    return [];
  }
}

function save(actions: QueuedAction[]): void {
  try {
    if (actions.length === 0) localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, JSON.stringify(actions));
  } catch {
    // Storage full or blocked: the queue still lives in memory.
  }
}

const same = (a: QueuedAction, b: QueuedAction) =>
  a.kind === b.kind && ('id' in a ? a.id : '') === ('id' in b ? b.id : '');

interface OfflineQueueState {
  actions: QueuedAction[];
  add: (action: QueuedAction) => void;
  remove: (action: QueuedAction) => void;
  reset: () => void;
}

export const useOfflineQueue = create<OfflineQueueState>((set) => ({
  actions: load(),
  add: (action) =>
    set((s) => {
      if (s.actions.some((a) => same(a, action))) return s;
      const actions = [...s.actions, action];
      save(actions);
      return { actions };
    }),
  remove: (action) =>
    set((s) => {
      const actions = s.actions.filter((a) => !same(a, action));
      save(actions);
      return { actions };
    }),
  reset: () => {
    save([]);
    set({ actions: [] });
  },
}));

/** Is this notification waiting for the connection (read or delete queued)? */
export function isPending(actions: QueuedAction[], id: string): boolean {
  return actions.some((a) => a.kind !== 'conversationRead' && 'id' in a && a.id === id);
}

let flushing: Promise<void> | null = null;

/**
 * Sends the queued actions in order. One that still cannot reach the server stops the flush
 * (the rest wait for the next chance); one the server refuses (e.g. 404: already deleted) is
 * dropped, since the next list fetch shows the truth.
 */
export function flushOfflineQueue(send: (action: QueuedAction) => Promise<unknown>): Promise<void> {
  if (flushing) return flushing;
  const run = async () => {
    for (const action of [...useOfflineQueue.getState().actions]) {
      try {
        await send(action);
      } catch (err) {
        if (isUnreachable(err)) return;
      }
      useOfflineQueue.getState().remove(action);
    }
  };
  // Cleared after it settles (a run with nothing to send settles at once, but not synchronously).
  flushing = run().finally(() => {
    flushing = null;
  });
  return flushing;
}
