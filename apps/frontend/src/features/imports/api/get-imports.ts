import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { ImportJob } from '@/lib/types';

export const getImports = (signal?: AbortSignal) => api.get<ImportJob[]>('/imports', undefined, signal);

export const importsQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.imports.list, queryFn: ({ signal }) => getImports(signal) });

export function useImports() {
  return useQuery(importsQueryOptions());
}
