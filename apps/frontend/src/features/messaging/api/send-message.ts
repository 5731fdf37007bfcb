import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { appendMessage, type ThreadPages } from '@/lib/thread-cache';
import type { Message, SendMessageInput } from '@/lib/types';

export type { SendMessageInput };

export const MAX_MESSAGE_LENGTH = 2000;

export const sendMessage = (input: SendMessageInput) => api.post<Message>('/messages', input);

export function useSendMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sendMessage,
    onSuccess: (message, input) => {
      queryClient.setQueryData<ThreadPages>(queryKeys.messaging.thread(input.recipientId), (data) =>
        appendMessage(data, message),
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.messaging.conversations });
    },
  });
}
