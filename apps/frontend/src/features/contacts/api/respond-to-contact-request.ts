import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export type ContactAnswer = 'accept' | 'decline';

export const respondToContactRequest = ({ id, answer }: { id: string; answer: ContactAnswer }) =>
  api.post<unknown>(`/contacts/requests/${encodeURIComponent(id)}/${answer}`);

export function useRespondToContactRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: respondToContactRequest,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.contacts.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.messaging.conversations });
    },
  });
}
