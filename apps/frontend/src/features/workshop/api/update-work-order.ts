import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { CompleteWorkOrderInput as CompleteInput, WorkOrder, WorkOrderEditInput as EditInput } from '@/lib/types';

export type { CompleteInput, EditInput };

/** The owner's change of title, notes, lines or assignee while the order is OPEN or IN_PROGRESS. */
export const editWorkOrder = (id: string, body: EditInput) => api.patch<WorkOrder>(`/work-orders/${encodeURIComponent(id)}`, body);

export const setWorkOrderStatus = (id: string, status: 'IN_PROGRESS' | 'CANCELLED') =>
  api.patch<WorkOrder>(`/work-orders/${encodeURIComponent(id)}`, { status });

export const completeWorkOrder = (id: string, body: CompleteInput) =>
  api.post<WorkOrder>(`/work-orders/${encodeURIComponent(id)}/complete`, body);

/** Edit, start, cancel or complete one work order. */
export function useWorkOrderActions(id: string) {
  const queryClient = useQueryClient();
  const onSuccess = (w: WorkOrder) => {
    queryClient.setQueryData(queryKeys.workshop.workOrder(id), (old: WorkOrder | undefined) => ({ ...old, ...w }));
    void queryClient.invalidateQueries({ queryKey: queryKeys.workshop.all });
    void queryClient.invalidateQueries({ queryKey: queryKeys.fleet.machine(w.machineId) });
  };
  return {
    status: useMutation({ mutationFn: (s: 'IN_PROGRESS' | 'CANCELLED') => setWorkOrderStatus(id, s), onSuccess }),
    edit: useMutation({ mutationFn: (body: EditInput) => editWorkOrder(id, body), onSuccess }),
    complete: useMutation({ mutationFn: (body: CompleteInput) => completeWorkOrder(id, body), onSuccess }),
  };
}
