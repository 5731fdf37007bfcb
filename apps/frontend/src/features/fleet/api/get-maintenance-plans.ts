import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { MaintenancePlan } from '@/lib/types';

export const getMaintenancePlans = (machineId: string, signal?: AbortSignal) =>
  api.get<MaintenancePlan[]>(`/machines/${encodeURIComponent(machineId)}/maintenance-plans`, undefined, signal);

export const maintenancePlansQueryOptions = (machineId: string) =>
  queryOptions({
    queryKey: queryKeys.fleet.plans(machineId),
    queryFn: ({ signal }) => getMaintenancePlans(machineId, signal),
  });

export function useMaintenancePlans(machineId: string) {
  return useQuery(maintenancePlansQueryOptions(machineId));
}
