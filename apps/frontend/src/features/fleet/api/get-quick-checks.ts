import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { QuickCheck } from '@/lib/types';

export const getQuickChecks = (machineId: string, signal?: AbortSignal) =>
  api
    .get<QuickCheck[] | { items: QuickCheck[] }>(`/machines/${encodeURIComponent(machineId)}/quick-checks`, undefined, signal)
    .then((r) => (Array.isArray(r) ? r : r.items));

export const quickChecksQueryOptions = (machineId: string) =>
  queryOptions({
    queryKey: queryKeys.fleet.quickChecks(machineId),
    queryFn: ({ signal }) => getQuickChecks(machineId, signal),
  });

export function useQuickChecks(machineId: string) {
  return useQuery(quickChecksQueryOptions(machineId));
}
