import { useQuery } from '@tanstack/react-query';
import { api, API_BASE } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { ServiceHistory } from '@/lib/types';

export const getServiceHistory = (machineId: string, signal?: AbortSignal) =>
  api.get<ServiceHistory>(`/machines/${encodeURIComponent(machineId)}/service-history`, undefined, signal);

export const serviceHistoryCsvUrl = (machineId: string) => `${API_BASE}/machines/${encodeURIComponent(machineId)}/service-history.csv`;

export function useServiceHistory(machineId: string) {
  return useQuery({ queryKey: queryKeys.workshop.history(machineId), queryFn: ({ signal }) => getServiceHistory(machineId, signal) });
}
