import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { CreateIssueInput, Issue } from '@/lib/types';

export type { CreateIssueInput };

export const createIssue = (machineId: string, body: CreateIssueInput) =>
  api.post<Issue>(`/machines/${encodeURIComponent(machineId)}/issues`, body);

export function useCreateIssue(machineId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateIssueInput) => createIssue(machineId, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.workshop.all }),
  });
}
