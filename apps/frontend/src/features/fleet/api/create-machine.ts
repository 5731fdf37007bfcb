import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { CreateMachineInput, Machine } from '@/lib/types';

export type { CreateMachineInput };

export const createMachine = (input: CreateMachineInput) => api.post<Machine>('/machines', input);

export function useCreateMachine() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createMachine,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.fleet.machines }),
  });
}
