import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/apiClient';
import { queryKeys } from '@/lib/queryKeys';
import type { Conversation } from '@/lib/types';

export const getConversations = (signal?: AbortSignal) =>
  api.get<Conversation[]>('/messages/conversations', undefined, signal);

export const conversationsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.messaging.conversations,
    queryFn: ({ signal }) => getConversations(signal),
  });

export function useConversations() {
  return useQuery(conversationsQueryOptions());
}
