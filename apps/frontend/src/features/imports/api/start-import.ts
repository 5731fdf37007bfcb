import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiUrl, type ApiErrorBody } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { DuplicateRule, ImportJob } from '@/lib/types';

export const IMPORT_TEMPLATE_URL = apiUrl('/imports/template.csv');

/** Multipart upload (the API client speaks JSON only). */
export async function startImport({ file, onDuplicate }: { file: File; onDuplicate: DuplicateRule }): Promise<ImportJob> {
  const form = new FormData();
  form.append('file', file, file.name);
  form.append('onDuplicate', onDuplicate);
  let response: Response;
  try {
    response = await fetch(apiUrl('/imports/machines'), {
      method: 'POST',
      credentials: 'include',
      headers: { Accept: 'application/json' },
      body: form,
    });
  } catch {
    throw new ApiError(0, { error: { code: 'NETWORK', message: 'Network error' } });
  }
  const text = await response.text();
  const body = text ? (JSON.parse(text) as unknown) : null;
  if (!response.ok) throw new ApiError(response.status, body as ApiErrorBody | null);
  return body as ImportJob;
}

export function useStartImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: startImport,
    onSuccess: (job) => {
      queryClient.setQueryData(queryKeys.imports.detail(job.id), job);
      void queryClient.invalidateQueries({ queryKey: queryKeys.imports.list });
    },
  });
}
