import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from '@/components/toast-store';
import { ApiError } from '@/lib/api-client';
import { errorMessage } from '@/lib/error-message';
import type { MachineDocument } from '@/lib/types';
import {
  DOCUMENT_FILE_ACCEPT,
  MAX_DOCUMENT_FILE_BYTES,
  documentFileUrl,
  useAttachDocumentFile,
  useRemoveDocumentFile,
} from '../api/machine-documents';

/** A size for people, in the reader's language (B, kB, MB). */
export function formatFileSize(bytes: number, language: string): string {
  const [value, unit] =
    bytes < 1000 ? [bytes, 'byte'] : bytes < 1_000_000 ? [bytes / 1000, 'kilobyte'] : [bytes / 1_000_000, 'megabyte'];
  return new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}

/**
 * One document's file: its name and size with a download link for everyone who sees the
 * document; attach, replace and remove for the machine's owner.
 */
export function DocumentFileControls({ doc, label, canEdit }: { doc: MachineDocument; label: string; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const attach = useAttachDocumentFile(doc.machineId);
  const remove = useRemoveDocumentFile(doc.machineId);
  const [problem, setProblem] = useState<string | null>(null);
  const busy = attach.isPending || remove.isPending;
  const inputId = `document-file-${doc.id}`;

  const refusal = (err: unknown) => {
    if (err instanceof ApiError && err.status === 413) return t('fleet.documents.file.tooLarge');
    if (err instanceof ApiError && err.fields.file) return t('fleet.documents.file.refused');
    return errorMessage(err, t);
  };

  const chosen = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = ''; // the same file may be chosen again after a refusal
    if (!file) return;
    if (file.size > MAX_DOCUMENT_FILE_BYTES) {
      setProblem(t('fleet.documents.file.tooLarge'));
      return;
    }
    setProblem(null);
    attach.mutate(
      { documentId: doc.id, file },
      {
        onSuccess: () => toast.success(t(doc.file ? 'fleet.documents.file.replaced' : 'fleet.documents.file.attached')),
        onError: (err) => setProblem(refusal(err)),
      },
    );
  };

  const removeFile = () => {
    setProblem(null);
    remove.mutate(doc.id, {
      onSuccess: () => toast.success(t('fleet.documents.file.removed')),
      onError: (err) => setProblem(errorMessage(err, t)),
    });
  };

  return (
    <div className="row__actions document-file" data-testid="document-file">
      {doc.file ? (
        <a href={documentFileUrl(doc.machineId, doc.id)} download={doc.file.name} data-testid="document-file-link">
          <span className="visually-hidden">{t('fleet.documents.file.download')} </span>
          {doc.file.name} <span className="muted">({formatFileSize(doc.file.size, i18n.language)})</span>
        </a>
      ) : (
        !canEdit && <span className="muted">{t('fleet.documents.file.none')}</span>
      )}
      {canEdit && (
        <>
          <label htmlFor={inputId} className="btn" aria-disabled={busy || undefined}>
            {t(doc.file ? 'fleet.documents.file.replace' : 'fleet.documents.file.attach')}
            <span className="visually-hidden"> ({label})</span>
          </label>
          <input
            id={inputId}
            type="file"
            className="visually-hidden"
            accept={DOCUMENT_FILE_ACCEPT}
            disabled={busy}
            onChange={chosen}
          />
          {doc.file && (
            <button type="button" className="btn btn--ghost" disabled={busy} onClick={removeFile}>
              {t('fleet.documents.file.remove')}
              <span className="visually-hidden"> ({label})</span>
            </button>
          )}
        </>
      )}
      {busy && <span className="muted" role="status">{t('fleet.documents.file.uploading')}</span>}
      {problem && (
        <span className="field__error" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}
