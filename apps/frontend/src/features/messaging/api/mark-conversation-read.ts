// Reading a conversation follows the inbox's rule (hooks/use-queued-action.ts): the change shows at
// once; if the server cannot be reached it stays and is sent when the connection returns (the
// offline queue); if the server refuses it, it is rolled back and the reader is told why.
import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import { useQueuedAction } from '@/hooks/use-queued-action';
import { queryKeys } from '@/lib/query-keys';
import type { Conversation, Message, Page } from '@/lib/types';

type Thread = InfiniteData<Page<Message>, string | undefined>;

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
  return useQueuedAction<string>({
    toAction: (userId) => ({ kind: 'conversationRead', id: userId }),
    touches: (userId) => [queryKeys.messaging.conversations, queryKeys.messaging.thread(userId)],
    applyOptimistic: showRead,
  });
}
