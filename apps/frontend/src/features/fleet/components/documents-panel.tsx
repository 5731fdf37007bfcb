import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/field';
import { FormError } from '@/components/form-error';
import { QueryState } from '@/components/query-state';
import { toast } from '@/components/toast-store';
import { useFieldChecks } from '@/hooks/use-field-checks';
import { formatDay } from '@/lib/format';
import { DOCUMENT_TYPES, type DocumentType, type Machine } from '@/lib/types';
import { useAddMachineDocument, useMachineDocuments, type NewDocument } from '../api/machine-documents';
import { DocumentFileControls } from './document-file-controls';

const empty: NewDocument = { type: 'INSURANCE', name: '', number: '', issuedOn: '', expiresOn: '' };

/** A machine's documents with their expiry and file; its owner adds them and attaches, replaces or removes files. */
export function DocumentsPanel({ machine }: { machine: Machine }) {
  const { t, i18n } = useTranslation();
  const docs = useMachineDocuments(machine.id);
  const add = useAddMachineDocument(machine.id);
  const [draft, setDraft] = useState<NewDocument>(empty);
  const checks = useFieldChecks(
    () => ({
      expiresOn: !draft.expiresOn ? t('fieldErrors.expiresOn') : undefined,
      issuedOn: draft.issuedOn && draft.expiresOn && draft.issuedOn > draft.expiresOn ? t('fieldErrors.issuedOn') : undefined,
    }),
    add.error,
  );
  const errors = checks.errors;
  const set = (key: keyof NewDocument) => (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value });

  const submit = (e: FormEvent<HTMLFormElement>) => {
    if (!checks.passes(e)) return;
    add.mutate(draft, {
      onSuccess: () => {
        setDraft(empty);
        checks.reset();
        toast.success(t('fleet.documents.added'));
      },
    });
  };

  return (
    <section className="card" aria-labelledby="documents-title">
      <header className="card__header">
        <h2 id="documents-title">{t('fleet.documents.title')}</h2>
      </header>
      {machine.role === 'owner' && (
        <form className="form pad" onSubmit={submit} aria-label={t('fleet.documents.add')} noValidate>
          <div className="field">
            <label htmlFor="document-type">{t('fleet.documents.type')}</label>
            <select id="document-type" value={draft.type} onChange={set('type')}>
              {DOCUMENT_TYPES.map((type: DocumentType) => (
                <option key={type} value={type}>
                  {t(`fleet.documents.types.${type}`)}
                </option>
              ))}
            </select>
          </div>
          <Field label={t('fleet.documents.name')} name="name" value={draft.name} onChange={set('name')} error={errors.name} />
          <Field label={t('fleet.documents.number')} name="number" value={draft.number} onChange={set('number')} error={errors.number} />
          <Field label={t('fleet.documents.issuedOn')} name="issuedOn" type="date" value={draft.issuedOn} onChange={set('issuedOn')} error={errors.issuedOn} />
          <Field
            label={t('fleet.documents.expiresOn')}
            name="expiresOn"
            type="date"
            required
            value={draft.expiresOn}
            onChange={set('expiresOn')}
            error={errors.expiresOn}
          />
          <FormError error={Object.keys(errors).length === 0 ? add.error : null} />
          <button type="submit" className="btn btn--primary" disabled={add.isPending}>
            {t('fleet.documents.add')}
          </button>
        </form>
      )}
      <QueryState isPending={docs.isPending} error={docs.error} onRetry={() => void docs.refetch()}>
        {(docs.data ?? []).length === 0 ? (
          <p className="muted pad">{t('fleet.documents.empty')}</p>
        ) : (
          <ul className="rows rows--compact" data-testid="documents">
            {docs.data!.map((d) => {
              const label = d.name || t(`fleet.documents.types.${d.type}`);
              return (
                <li key={d.id} className="row row--wrap" data-testid="document">
                  <span className="row__main">
                    {label}
                    {d.number && <span className="muted"> · {d.number}</span>}
                  </span>
                  <span className={d.daysLeft <= 0 ? 'pill pill--high' : d.daysLeft <= 30 ? 'pill pill--normal' : 'pill'}>
                    {d.daysLeft <= 0
                      ? t('fleet.documents.expired', { date: formatDay(d.expiresOn, i18n.language) })
                      : t('fleet.documents.expiresIn', { count: d.daysLeft, date: formatDay(d.expiresOn, i18n.language) })}
                  </span>
                  <DocumentFileControls doc={d} label={label} canEdit={machine.role === 'owner'} />
                </li>
              );
            })}
          </ul>
        )}
      </QueryState>
    </section>
  );
}
