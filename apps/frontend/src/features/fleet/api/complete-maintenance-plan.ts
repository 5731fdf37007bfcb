import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { CompletePlanInput } from '@/lib/types';

export type { CompletePlanInput };

export const completeMaintenancePlan = (machineId: string, { planId, ...body }: CompletePlanInput) =>
  api.post<unknown>(
    `/machines/${encodeURIComponent(machineId)}/maintenance-plans/${encodeURIComponent(planId)}/complete`,
    body,
  );

export function useCompleteMaintenancePlan(machineId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CompletePlanInput) => completeMaintenancePlan(machineId, input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.fleet.machine(machineId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.fleet.machines });
    },
  });
}
