import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/apiClient';
import { queryKeys } from '@/lib/queryKeys';
import type { Machine } from '@/lib/types';

export interface CreateMachineInput {
  serialNumber: string;
  name: string;
  brand: string;
  model: string;
  type: string;
  operatingHours: number;
}

export const createMachine = (input: CreateMachineInput) => api.post<Machine>('/machines', input);

export function useCreateMachine() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createMachine,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.fleet.machines }),
  });
}
