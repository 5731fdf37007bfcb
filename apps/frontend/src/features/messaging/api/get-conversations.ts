import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
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
