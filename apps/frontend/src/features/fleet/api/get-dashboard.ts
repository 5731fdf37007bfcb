import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { Machine, MaintenancePlan, QuickCheck } from '@/lib/types';

export interface Dashboard {
  machines: number;
  overdue: number;
  dueSoon: number;
  attention: Array<{ machine: Machine; plans: MaintenancePlan[]; worst: 'OVERDUE' | 'DUE_SOON' }>;
  attentionCount: number;
  quickCheckFailures: Array<{ machine: Machine; quickCheck: QuickCheck }>;
  quickCheckFailureCount: number;
  /** OPEN and ACKNOWLEDGED issues. */
  openIssues: number;
  generatedAt: string;
}

export const getDashboard = (signal?: AbortSignal) => api.get<Dashboard>('/dashboard', undefined, signal);

// Refetched on fleet.changed (the stream observer invalidates fleet queries): no polling.
export const dashboardQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.fleet.dashboard, queryFn: ({ signal }) => getDashboard(signal) });

export function useDashboard() {
  return useQuery(dashboardQueryOptions());
}
