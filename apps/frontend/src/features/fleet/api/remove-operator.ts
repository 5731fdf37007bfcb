import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export const removeOperator = (machineId: string, userId: string) =>
  api.delete(`/machines/${encodeURIComponent(machineId)}/operators/${encodeURIComponent(userId)}`);

export function useRemoveOperator(machineId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => removeOperator(machineId, userId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.fleet.machine(machineId) }),
  });
}
