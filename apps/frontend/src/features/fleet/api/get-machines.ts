import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { Machine } from '@/lib/types';

export const getMachines = (signal?: AbortSignal) => api.get<Machine[]>('/machines', undefined, signal);

export const machinesQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.fleet.machines, queryFn: ({ signal }) => getMachines(signal) });

export function useMachines() {
  return useQuery(machinesQueryOptions());
}
