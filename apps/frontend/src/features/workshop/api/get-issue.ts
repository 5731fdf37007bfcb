import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { IssueDetail } from '@/lib/types';

export const getIssue = (id: string, signal?: AbortSignal) =>
  api.get<IssueDetail>(`/issues/${encodeURIComponent(id)}`, undefined, signal);

export function useIssue(id: string) {
  return useQuery({ queryKey: queryKeys.workshop.issue(id), queryFn: ({ signal }) => getIssue(id, signal) });
}
