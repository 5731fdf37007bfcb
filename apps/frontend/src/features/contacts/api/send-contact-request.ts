import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { ContactRequest } from '@/lib/types';

export const sendContactRequest = (email: string) => api.post<ContactRequest>('/contacts/requests', { email });

export function useSendContactRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sendContactRequest,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.contacts.requests }),
  });
}
