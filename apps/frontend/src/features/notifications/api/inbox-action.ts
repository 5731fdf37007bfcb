// The inbox's mutations share one rule (hooks/use-queued-action.ts): the change shows at once;
// if the server cannot be reached it stays, marked pending, and is sent when the connection
// returns (offline queue); if the server refuses it, it is rolled back and the reader is told
// why, in their language. Every inbox action touches the notification queries.
import type { QueryClient } from '@tanstack/react-query';
import { useQueuedAction } from '@/hooks/use-queued-action';
import type { QueuedAction } from '@/lib/offline-queue';
import { queryKeys } from '@/lib/query-keys';

export function useInboxAction<V>(toAction: (v: V) => QueuedAction, applyOptimistic: (queryClient: QueryClient, v: V) => void) {
  return useQueuedAction<V>({ toAction, touches: () => [queryKeys.notifications.all], applyOptimistic });
}
