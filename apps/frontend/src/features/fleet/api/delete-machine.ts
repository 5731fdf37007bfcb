import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export const deleteMachine = (id: string) => api.delete(`/machines/${encodeURIComponent(id)}`);

export function useDeleteMachine() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteMachine,
    onSuccess: (_r, id) => {
      queryClient.removeQueries({ queryKey: queryKeys.fleet.machine(id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.fleet.machines });
    },
  });
}
