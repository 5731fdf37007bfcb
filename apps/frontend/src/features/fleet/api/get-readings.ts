import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { Reading } from '@/lib/types';

export const getReadings = (machineId: string, signal?: AbortSignal) =>
  api.get<Reading[] | { items: Reading[] }>(`/machines/${encodeURIComponent(machineId)}/readings`, undefined, signal).then(
    (r) => (Array.isArray(r) ? r : r.items),
  );

export const readingsQueryOptions = (machineId: string) =>
  queryOptions({ queryKey: queryKeys.fleet.readings(machineId), queryFn: ({ signal }) => getReadings(machineId, signal) });

export function useReadings(machineId: string) {
  return useQuery(readingsQueryOptions(machineId));
}
