import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { IssuePolicy as Policy } from '@/lib/types';

const path = (machineId: string) => `/machines/${encodeURIComponent(machineId)}/issue-settings`;

/** Whether operators may resolve the machine's issues (its own setting, else the fleet's). */
export function useIssuePolicy(machineId: string) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: queryKeys.workshop.policy(machineId),
    queryFn: ({ signal }) => api.get<Policy>(path(machineId), undefined, signal),
  });
  const save = useMutation({
    mutationFn: (allow: boolean) => api.put<Policy>(path(machineId), { operatorsMayResolve: allow }),
    onSuccess: (p) => queryClient.setQueryData(queryKeys.workshop.policy(machineId), p),
  });
  return { query, save };
}

/**
 * The caller's fleet-wide setting (GET/PUT /issue-settings): whether operators of their machines
 * may resolve issues, unless a machine says otherwise. A change refetches every machine's
 * effective setting and the issues (their canResolve).
 */
export function useFleetIssuePolicy() {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: queryKeys.workshop.policy(''),
    queryFn: ({ signal }) => api.get<Policy>('/issue-settings', undefined, signal),
  });
  const save = useMutation({
    mutationFn: (allow: boolean) => api.put<Policy>('/issue-settings', { operatorsMayResolve: allow }),
    onSuccess: (p) => {
      queryClient.setQueryData(queryKeys.workshop.policy(''), p); // '': the fleet's own entry
      void queryClient.invalidateQueries({ queryKey: queryKeys.workshop.all, predicate: (q) => q.queryKey[2] !== '' });
    },
  });
  return { query, save };
}
