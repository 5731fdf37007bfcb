import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
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
