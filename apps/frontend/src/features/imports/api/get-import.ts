import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { ImportJob } from '@/lib/types';

export const getImport = (id: string, signal?: AbortSignal) =>
  api.get<ImportJob>(`/imports/${encodeURIComponent(id)}`, undefined, signal);

// The stream moves the counts (import.progress); the job with its row errors is fetched when it starts and ends.
export const importQueryOptions = (id: string) =>
  queryOptions({ queryKey: queryKeys.imports.detail(id), queryFn: ({ signal }) => getImport(id, signal) });

export function useImport(id: string | undefined) {
  return useQuery({ ...importQueryOptions(id ?? ''), enabled: !!id });
}
