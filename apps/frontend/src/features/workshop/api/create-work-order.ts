import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { WorkOrder, WorkOrderInput } from '@/lib/types';

export type { WorkOrderInput };

export const createWorkOrder = (machineId: string, body: WorkOrderInput) =>
  api.post<WorkOrder>(`/machines/${encodeURIComponent(machineId)}/work-orders`, body);

export function useCreateWorkOrder(machineId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: WorkOrderInput) => createWorkOrder(machineId, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.workshop.all }),
  });
}
