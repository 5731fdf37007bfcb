import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { MachineDocument, NewDocument } from '@/lib/types';

export type { NewDocument };

const path = (machineId: string) => `/machines/${encodeURIComponent(machineId)}/documents`;

export const machineDocumentsQueryOptions = (machineId: string) =>
  queryOptions({
    queryKey: queryKeys.fleet.documents(machineId),
    queryFn: ({ signal }) => api.get<MachineDocument[]>(path(machineId), undefined, signal),
  });

export function useMachineDocuments(machineId: string) {
  return useQuery(machineDocumentsQueryOptions(machineId));
}

export function useAddMachineDocument(machineId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (d: NewDocument) => api.post<MachineDocument>(path(machineId), d),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.fleet.documents(machineId) }),
  });
}
