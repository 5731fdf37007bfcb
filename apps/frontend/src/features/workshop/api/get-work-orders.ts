import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { WorkOrderPage } from '@/lib/types';

export interface WorkOrderFilters {
  machineId?: string;
  status?: string;
}

export const getWorkOrders = (f: WorkOrderFilters, cursor: string, signal?: AbortSignal) =>
  api.get<WorkOrderPage>('/work-orders', { machineId: f.machineId || undefined, status: f.status || undefined,
    cursor: cursor || undefined }, signal);

export function useWorkOrders(f: WorkOrderFilters) {
  const key = { machineId: f.machineId ?? '', status: f.status ?? '' };
  return useInfiniteQuery({
    queryKey: queryKeys.workshop.workOrders(key),
    queryFn: ({ pageParam, signal }) => getWorkOrders(f, pageParam, signal),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor || undefined,
  });
}
