import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { FleetMachine } from '@/lib/types';

/** Every machine of the caller with its plans: the dashboard's one request, whatever the fleet's size. */
export const getFleetPlans = (signal?: AbortSignal) => api.get<FleetMachine[]>('/maintenance/plans', undefined, signal);

export const fleetPlansQueryOptions = () =>
  queryOptions({ queryKey: [...queryKeys.fleet.machines, 'with-plans'] as const, queryFn: ({ signal }) => getFleetPlans(signal) });

export function useFleetPlans() {
  return useQuery(fleetPlansQueryOptions());
}
