import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, apiUrl } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { DuplicateRule, ImportJob } from '@/lib/types';

export const IMPORT_TEMPLATE_URL = apiUrl('/imports/template.csv');

/** A multipart upload of the file and its duplicate rule. */
export function startImport({ file, onDuplicate }: { file: File; onDuplicate: DuplicateRule }): Promise<ImportJob> {
  const form = new FormData();
  form.append('file', file, file.name);
  form.append('onDuplicate', onDuplicate);
  return api.post<ImportJob>('/imports/machines', form);
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
