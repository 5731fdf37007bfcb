import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export const assignOperator = (machineId: string, userId: string) =>
  api.post<void>(`/machines/${encodeURIComponent(machineId)}/operators`, { userId });

export function useAssignOperator(machineId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => assignOperator(machineId, userId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.fleet.machine(machineId) }),
  });
}
