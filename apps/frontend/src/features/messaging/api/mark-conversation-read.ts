// Reading a conversation follows the inbox's rule: the change shows at once; if the server cannot
// be reached it stays and is sent when the connection returns (the offline queue); if the server
// refuses it, it is rolled back and the reader is told why, in their language.
import { useMutation, useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { toast } from '@/components/toast-store';
import { errorMessage } from '@/lib/error-message';
import { sendOrQueue } from '@/lib/offline-queue';
import { queryKeys } from '@/lib/query-keys';
import type { Conversation, Message, Page } from '@/lib/types';

type Thread = InfiniteData<Page<Message>, string | undefined>;

/** Reads the conversation with userId; waits in the offline queue while the server cannot be reached. */
export const markConversationRead = (userId: string) => sendOrQueue({ kind: 'conversationRead', id: userId });

function showRead(queryClient: QueryClient, userId: string): void {
  queryClient.setQueryData<Conversation[]>(queryKeys.messaging.conversations, (list) =>
    list?.map((c) => (c.contact.id === userId ? { ...c, unreadCount: 0 } : c)),
  );
  const now = new Date().toISOString();
  queryClient.setQueryData<Thread>(queryKeys.messaging.thread(userId), (data) =>
    data && {
      ...data,
      pages: data.pages.map((p) => ({
        ...p,
        items: p.items.map((m) => (m.senderId === userId && !m.readAt ? { ...m, readAt: now } : m)),
      })),
    },
  );
}

export function useMarkConversationRead() {
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  return useMutation({
    mutationFn: markConversationRead,
    onMutate: async (userId: string) => {
      await Promise.all([
        queryClient.cancelQueries({ queryKey: queryKeys.messaging.conversations, exact: true }),
        queryClient.cancelQueries({ queryKey: queryKeys.messaging.thread(userId), exact: true }),
      ]);
      const before = {
        conversations: queryClient.getQueryData<Conversation[]>(queryKeys.messaging.conversations),
        thread: queryClient.getQueryData<Thread>(queryKeys.messaging.thread(userId)),
      };
      showRead(queryClient, userId);
      return { before };
    },
    onSuccess: (result) => {
      // One "queued" toast at a time, shared with the inbox's actions.
      if (result === 'queued') toast.info(t('notifications.queued'), 'offline-queued');
    },
    onError: (err, userId, context) => {
      if (context) {
        queryClient.setQueryData(queryKeys.messaging.conversations, context.before.conversations);
        queryClient.setQueryData(queryKeys.messaging.thread(userId), context.before.thread);
      }
      toast.error(t('notifications.notSaved', { reason: errorMessage(err, t) }));
    },
  });
}
