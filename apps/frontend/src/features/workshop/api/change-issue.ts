import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { Issue, IssueStatus } from '@/lib/types';

export const changeIssueStatus = (id: string, status: IssueStatus) =>
  api.post<Issue>(`/issues/${encodeURIComponent(id)}/status`, { status });

export const commentOnIssue = (id: string, body: string) => api.post<unknown>(`/issues/${encodeURIComponent(id)}/comments`, { body });

/** A step (acknowledge, resolve, won't fix) or a comment on one issue. */
export function useIssueActions(id: string) {
  const queryClient = useQueryClient();
  const onSuccess = () => void queryClient.invalidateQueries({ queryKey: queryKeys.workshop.all });
  return {
    status: useMutation({ mutationFn: (s: IssueStatus) => changeIssueStatus(id, s), onSuccess }),
    comment: useMutation({ mutationFn: (body: string) => commentOnIssue(id, body), onSuccess }),
  };
}
