import { useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { Conversation, Message, Page } from '@/lib/types';

export const markConversationRead = (userId: string) =>
  api.post<void>(`/messages/conversations/${encodeURIComponent(userId)}/read`);

export function useMarkConversationRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markConversationRead,
    onMutate: (userId) => {
      queryClient.setQueryData<Conversation[]>(queryKeys.messaging.conversations, (list) =>
        list?.map((c) => (c.contact.id === userId ? { ...c, unreadCount: 0 } : c)),
      );
      const now = new Date().toISOString();
      queryClient.setQueryData<InfiniteData<Page<Message>, string | undefined>>(queryKeys.messaging.thread(userId), (data) =>
        data && {
          ...data,
          pages: data.pages.map((p) => ({
            ...p,
            items: p.items.map((m) => (m.senderId === userId && !m.readAt ? { ...m, readAt: now } : m)),
          })),
        },
      );
    },
  });
}
