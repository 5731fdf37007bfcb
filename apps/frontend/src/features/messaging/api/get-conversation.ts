import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { Message, Page } from '@/lib/types';

export const MESSAGES_PAGE_SIZE = 30;

/** One page of a conversation, oldest to newest; `before` pages back into history. */
export const getConversation = (userId: string, before?: string, signal?: AbortSignal) =>
  api.get<Page<Message>>(
    `/messages/conversations/${encodeURIComponent(userId)}`,
    { before, limit: MESSAGES_PAGE_SIZE },
    signal,
  );

/** pages[0] is the newest page; each next page is older. */
export const conversationQueryOptions = (userId: string) =>
  infiniteQueryOptions({
    queryKey: queryKeys.messaging.thread(userId),
    queryFn: ({ pageParam, signal }) => getConversation(userId, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export function useConversation(userId: string) {
  return useInfiniteQuery(conversationQueryOptions(userId));
}
