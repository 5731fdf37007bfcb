import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/apiClient';
import { queryKeys } from '@/lib/queryKeys';
import type { ImportJob } from '@/lib/types';

export const getImports = (signal?: AbortSignal) => api.get<ImportJob[]>('/imports', undefined, signal);

export const importsQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.imports.list, queryFn: ({ signal }) => getImports(signal) });

export function useImports() {
  return useQuery(importsQueryOptions());
}
