import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { WorkOrder } from '@/lib/types';

export const getWorkOrder = (id: string, signal?: AbortSignal) =>
  api.get<WorkOrder>(`/work-orders/${encodeURIComponent(id)}`, undefined, signal);

export function useWorkOrder(id: string) {
  return useQuery({ queryKey: queryKeys.workshop.workOrder(id), queryFn: ({ signal }) => getWorkOrder(id, signal) });
}
