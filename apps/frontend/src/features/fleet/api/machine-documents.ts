import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUrl } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { MachineDocument, NewDocument } from '@/lib/types';

export type { NewDocument };

const path = (machineId: string) => `/machines/${encodeURIComponent(machineId)}/documents`;

export const machineDocumentsQueryOptions = (machineId: string) =>
  queryOptions({
    queryKey: queryKeys.fleet.documents(machineId),
    queryFn: ({ signal }) => api.get<MachineDocument[]>(path(machineId), undefined, signal),
  });

export function useMachineDocuments(machineId: string) {
  return useQuery(machineDocumentsQueryOptions(machineId));
}

export function useAddMachineDocument(machineId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (d: NewDocument) => api.post<MachineDocument>(path(machineId), d),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.fleet.documents(machineId) }),
  });
}

/** The largest file a document may carry (the server answers 413 beyond it). */
export const MAX_DOCUMENT_FILE_BYTES = 10 * 1024 * 1024;

/** What the file picker offers; the server decides the type from the content anyway. */
export const DOCUMENT_FILE_ACCEPT = '.pdf,.png,.jpg,.jpeg,.webp,.txt,application/pdf,image/png,image/jpeg,image/webp,text/plain';

const filePath = (machineId: string, documentId: string) => `${path(machineId)}/${encodeURIComponent(documentId)}/file`;

/** Where a document's file downloads from (always as an attachment). */
export const documentFileUrl = (machineId: string, documentId: string) => apiUrl(filePath(machineId, documentId));

/** Attaches or replaces a document's file (a multipart upload). */
export function attachDocumentFile(machineId: string, documentId: string, file: File): Promise<MachineDocument> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.put<MachineDocument>(filePath(machineId, documentId), form);
}

export function useAttachDocumentFile(machineId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ documentId, file }: { documentId: string; file: File }) => attachDocumentFile(machineId, documentId, file),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.fleet.documents(machineId) }),
  });
}

export function useRemoveDocumentFile(machineId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (documentId: string) => api.delete<MachineDocument>(filePath(machineId, documentId)),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.fleet.documents(machineId) }),
  });
}
