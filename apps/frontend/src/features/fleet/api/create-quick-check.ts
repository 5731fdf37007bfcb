import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { CreateQuickCheckInput, QuickCheck } from '@/lib/types';

export type { CreateQuickCheckInput };

export const createQuickCheck = (machineId: string, input: CreateQuickCheckInput) =>
  api.post<QuickCheck>(`/machines/${encodeURIComponent(machineId)}/quick-checks`, input);

export function useCreateQuickCheck(machineId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateQuickCheckInput) => createQuickCheck(machineId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.fleet.machine(machineId) }),
  });
}
