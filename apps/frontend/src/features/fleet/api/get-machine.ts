import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { Machine } from '@/lib/types';

export const getMachine = (id: string, signal?: AbortSignal) =>
  api.get<Machine>(`/machines/${encodeURIComponent(id)}`, undefined, signal);

export const machineQueryOptions = (id: string) =>
  queryOptions({ queryKey: queryKeys.fleet.machine(id), queryFn: ({ signal }) => getMachine(id, signal) });

export function useMachine(id: string) {
  return useQuery(machineQueryOptions(id));
}
