import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { Dashboard } from '@/lib/types';

export type { Dashboard };

export const getDashboard = (signal?: AbortSignal) => api.get<Dashboard>('/dashboard', undefined, signal);

// Refetched on fleet.changed (the stream observer invalidates fleet queries): no polling.
export const dashboardQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.fleet.dashboard, queryFn: ({ signal }) => getDashboard(signal) });

export function useDashboard() {
  return useQuery(dashboardQueryOptions());
}
