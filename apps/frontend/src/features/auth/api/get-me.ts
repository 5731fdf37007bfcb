import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError, apiRequest } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { User } from '@/lib/types';

/** The signed-in user, or null when there is no session (a 401 is an answer here). */
export async function getMe(signal?: AbortSignal): Promise<User | null> {
  try {
    return await apiRequest<User>('/users/me', { signal, allowUnauthorized: true });
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export const meQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.me,
    queryFn: ({ signal }) => getMe(signal),
    staleTime: Infinity,
    retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
  });

export function useMe() {
  return useQuery(meQueryOptions());
}
