import { useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { api } from '@/lib/apiClient';
import { queryKeys } from '@/lib/queryKeys';
import type { Message, Page } from '@/lib/types';

export interface SendMessageInput {
  recipientId: string;
  content: string;
}

export const MAX_MESSAGE_LENGTH = 2000;

export const sendMessage = (input: SendMessageInput) => api.post<Message>('/messages', input);

export function useSendMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sendMessage,
    onSuccess: (message, input) => {
      queryClient.setQueryData<InfiniteData<Page<Message>, string | undefined>>(
        queryKeys.messaging.thread(input.recipientId),
        (data) => {
          if (!data || data.pages.length === 0) return data;
          if (data.pages.some((p) => p.items.some((m) => m.id === message.id))) return data;
          const [newest, ...older] = data.pages;
          return { ...data, pages: [{ ...newest!, items: [...newest!.items, message] }, ...older] };
        },
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.messaging.conversations });
    },
  });
}
