// The one rule for an action the offline queue may hold (lib/offline-queue.ts): its change shows
// at once; if the server cannot be reached it stays and is sent when the connection returns (one
// "queued" toast however many wait); if the server refuses it, the change is rolled back and the
// reader is told why, in their language. The inbox's actions and reading a conversation use it.
import { useMutation, useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { toast } from '@/components/toast-store';
import { errorMessage } from '@/lib/error-message';
import { sendOrQueue, type QueuedAction } from '@/lib/offline-queue';

// One "queued" toast at a time, however many actions wait.
export function toastQueued(text: string) {
  toast.info(text, 'offline-queued');
}

interface QueuedActionOptions<V> {
  toAction: (v: V) => QueuedAction;
  /** The queries the change touches (prefixes): kept to roll back, their fetches cancelled first. */
  touches: (v: V) => QueryKey[];
  applyOptimistic: (queryClient: QueryClient, v: V) => void;
}

export function useQueuedAction<V>({ toAction, touches, applyOptimistic }: QueuedActionOptions<V>) {
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  return useMutation({
    mutationFn: (v: V) => sendOrQueue(toAction(v)),
    onMutate: async (v: V) => {
      const keys = touches(v);
      await Promise.all(keys.map((queryKey) => queryClient.cancelQueries({ queryKey })));
      const before = keys.flatMap((queryKey) => queryClient.getQueriesData({ queryKey }));
      applyOptimistic(queryClient, v);
      return { before };
    },
    onSuccess: (result) => {
      if (result === 'queued') toastQueued(t('notifications.queued'));
    },
    onError: (err, _v, context) => {
      for (const [key, data] of context?.before ?? []) queryClient.setQueryData(key, data);
      toast.error(t('notifications.notSaved', { reason: errorMessage(err, t) }));
    },
  });
}
