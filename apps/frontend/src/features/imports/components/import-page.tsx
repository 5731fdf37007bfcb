import { useState, type DragEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { QueryState } from '@/components/query-state';
import { formatNumber, formatRelative } from '@/lib/format';
import { uploadErrorMessage } from '@/lib/import-messages';
import type { DuplicateRule } from '@/lib/types';
import { IMPORT_TEMPLATE_URL, useStartImport } from '../api/start-import';
import { useImport } from '../api/get-import';
import { useImports } from '../api/get-imports';
import { ImportProgress } from './import-progress';

const RULES: DuplicateRule[] = ['skip', 'update', 'fail'];

export function ImportPage() {
  const { t, i18n } = useTranslation();
  const { importId } = useParams();
  const navigate = useNavigate();
  const [file, setFile] = useState<File | null>(null);
  const [rule, setRule] = useState<DuplicateRule>('skip');
  const [dragging, setDragging] = useState(false);
  const start = useStartImport();
  const job = useImport(importId);
  const history = useImports();

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const dropped = e.dataTransfer.files?.[0];
    if (dropped) setFile(dropped);
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    start.mutate(
      { file, onDuplicate: rule },
      {
        onSuccess: (created) => {
          setFile(null);
          navigate(`/imports/${created.id}`);
        },
      },
    );
  };

  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1>{t('imports.title')}</h1>
          <p className="muted">{t('imports.lead')}</p>
        </div>
        <a className="btn" href={IMPORT_TEMPLATE_URL} download>
          {t('imports.template')}
        </a>
      </header>
      {importId ? (
        <QueryState isPending={job.isPending} error={job.error} onRetry={() => void job.refetch()}>
          {job.data && <ImportProgress job={job.data} />}
          <p>
            <Link to="/imports">{t('imports.another')}</Link>
          </p>
        </QueryState>
      ) : (
        <form className="card pad" onSubmit={onSubmit} aria-label={t('imports.title')}>
          <label
            className={`dropzone${dragging ? ' dropzone--active' : ''}`}
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
            data-testid="dropzone"
          >
            <span>{file ? t('imports.chosen', { name: file.name }) : t('imports.drop')}</span>
            <input
              type="file"
              accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-label={t('imports.file')}
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </label>
          <fieldset className="field">
            <legend>{t('imports.onDuplicate')}</legend>
            {RULES.map((r) => (
              <label key={r} className="radio">
                <input type="radio" name="onDuplicate" value={r} checked={rule === r} onChange={() => setRule(r)} />{' '}
                {t(`imports.rules.${r}`)}
              </label>
            ))}
          </fieldset>
          {start.error && (
            <p className="form-error" role="alert" data-testid="import-upload-error">
              {uploadErrorMessage(start.error, t)}
            </p>
          )}
          <button type="submit" className="btn btn--primary" disabled={!file || start.isPending}>
            {start.isPending ? t('imports.starting') : t('imports.start')}
          </button>
        </form>
      )}
      <section className="card" aria-labelledby="imports-history">
        <header className="card__header">
          <h2 id="imports-history">{t('imports.history')}</h2>
        </header>
        <QueryState isPending={history.isPending} error={history.error} onRetry={() => void history.refetch()}>
          {(history.data ?? []).length === 0 ? (
            <p className="muted pad">{t('imports.historyNone')}</p>
          ) : (
            <ul className="rows">
              {(history.data ?? []).map((j) => (
                <li key={j.id} className="row">
                  <Link to={`/imports/${j.id}`}>{j.fileName || j.id}</Link>
                  <span className="muted small">
                    {' '}
                    {t(`imports.status.${j.status}`)} · {t('imports.counts', { created: formatNumber(j.created, i18n.language), updated: formatNumber(j.updated, i18n.language), skipped: formatNumber(j.skipped, i18n.language), failed: formatNumber(j.failed, i18n.language) })} · {formatRelative(j.createdAt, i18n.language)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </QueryState>
      </section>
    </div>
  );
}
