import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { CreatePlanInput, MaintenancePlan } from '@/lib/types';

export type { CreatePlanInput };

export const createMaintenancePlan = (machineId: string, input: CreatePlanInput) =>
  api.post<MaintenancePlan>(`/machines/${encodeURIComponent(machineId)}/maintenance-plans`, input);

export function useCreateMaintenancePlan(machineId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreatePlanInput) => createMaintenancePlan(machineId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.fleet.plans(machineId) }),
  });
}
