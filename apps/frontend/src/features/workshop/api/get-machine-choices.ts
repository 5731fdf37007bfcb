import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { Machine } from '@/lib/types';

/**
 * The caller's machines (owned and operated), for the issue filter. The same request and cache
 * entry as the fleet's machine list, so both follow fleet.changed together.
 */
export function useMachineChoices() {
  return useQuery({ queryKey: queryKeys.fleet.machines, queryFn: ({ signal }) => api.get<Machine[]>('/machines', undefined, signal) });
}
