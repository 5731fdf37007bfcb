// The session as the query cache holds it: `me` is the signed-in user or null. Starting or
// ending a session drops every other cached answer, which belonged to the previous user.
import type { QueryClient } from '@tanstack/react-query';
import { queryKeys } from './query-keys';
import type { User } from './types';

// Whether the last session ended on its own (a 401), so the sign-in page can say so.
let ended = false;

export const sessionEnded = {
  /** Read without clearing: render may run twice (StrictMode). */
  get: (): boolean => ended,
};

function dropOtherQueries(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.me[0] });
}

export function beginSession(queryClient: QueryClient, user: User): void {
  ended = false;
  dropOtherQueries(queryClient);
  queryClient.setQueryData(queryKeys.me, user);
}

/** `expired`: the server refused the session (401), as opposed to a sign-out. */
export function endSession(queryClient: QueryClient, { expired }: { expired: boolean }): void {
  if (!queryClient.getQueryData(queryKeys.me)) return;
  if (expired) ended = true;
  queryClient.setQueryData(queryKeys.me, null);
  dropOtherQueries(queryClient);
}
