// The inbox's mutations share one rule: the change shows at once; if the server cannot be
// reached it stays, marked pending, and is sent when the connection returns (offline queue);
// if the server refuses it, it is rolled back and the reader is told why, in their language.
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '@/lib/error-message';
import { sendOrQueue, type QueuedAction } from '@/lib/offline-queue';
import { queryKeys } from '@/lib/query-keys';
import { toast } from '@/components/toast-store';

type Snapshot = Array<[readonly unknown[], unknown]>;

function snapshot(queryClient: QueryClient): Snapshot {
  return queryClient.getQueriesData({ queryKey: queryKeys.notifications.all });
}

export function useInboxAction<V>(toAction: (v: V) => QueuedAction, applyOptimistic: (queryClient: QueryClient, v: V) => void) {
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  return useMutation({
    mutationFn: (v: V) => sendOrQueue(toAction(v)),
    onMutate: async (v: V) => {
      const before = snapshot(queryClient);
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

// One "queued" toast at a time, however many actions wait.
export function toastQueued(text: string) {
  toast.info(text, 'offline-queued');
}
