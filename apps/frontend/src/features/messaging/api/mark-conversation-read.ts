import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/apiClient';
import { queryKeys } from '@/lib/queryKeys';
import type { Conversation } from '@/lib/types';

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
    },
  });
}
