import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/apiClient';
import { queryKeys } from '@/lib/queryKeys';
import type { IssueDetail } from '../types';

export const getIssue = (id: string, signal?: AbortSignal) =>
  api.get<IssueDetail>(`/issues/${encodeURIComponent(id)}`, undefined, signal);

export function useIssue(id: string) {
  return useQuery({ queryKey: queryKeys.workshop.issue(id), queryFn: ({ signal }) => getIssue(id, signal) });
}
