import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { Reading } from '@/lib/types';

export const createReading = (machineId: string, operatingHours: number) =>
  api.post<Reading>(`/machines/${encodeURIComponent(machineId)}/readings`, { operatingHours });

export function useCreateReading(machineId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (operatingHours: number) => createReading(machineId, operatingHours),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.fleet.machine(machineId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.fleet.machines });
    },
  });
}
