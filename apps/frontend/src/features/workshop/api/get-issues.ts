import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { IssuePage } from '@/lib/types';

export interface IssueFilters {
  machineId?: string;
  status?: string;
  severity?: string;
}

export const getIssues = (f: IssueFilters, cursor: string, signal?: AbortSignal) =>
  api.get<IssuePage>('/issues', { machineId: f.machineId || undefined, status: f.status || undefined,
    severity: f.severity || undefined, cursor: cursor || undefined }, signal);

/** Issues newest first, a page at a time (refetched on fleet.changed). */
export function useIssues(f: IssueFilters) {
  const key = { machineId: f.machineId ?? '', status: f.status ?? '', severity: f.severity ?? '' };
  return useInfiniteQuery({
    queryKey: queryKeys.workshop.issues(key),
    queryFn: ({ pageParam, signal }) => getIssues(f, pageParam, signal),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor || undefined,
  });
}
