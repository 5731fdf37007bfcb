import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ImportJob } from '@/lib/types';
import { importFailureReason, rowErrorMessage } from '@/lib/import-messages';
import { formatNumber } from '@/lib/format';

export function ImportProgress({ job }: { job: ImportJob }) {
  const { t, i18n } = useTranslation();
  const n = (v: number) => formatNumber(v, i18n.language);
  const percent = job.total > 0 ? Math.round((job.processed / job.total) * 100) : 0;
  const done = job.status === 'COMPLETED' || job.status === 'FAILED';
  return (
    <section className="card pad" aria-labelledby="import-status" data-testid="import-progress">
      <h2 id="import-status">
        {t(`imports.status.${job.status}`)} · {job.fileName}
      </h2>
      <div
        className="progress"
        role="progressbar"
        aria-label={t('imports.progress', { processed: n(job.processed), total: n(job.total) })}
        aria-valuemin={0}
        aria-valuemax={job.total}
        aria-valuenow={job.processed}
      >
        <div className="progress__bar" style={{ width: `${percent}%` }} />
      </div>
      <p className="muted" data-testid="import-counts">
        {t('imports.progress', { processed: n(job.processed), total: n(job.total) })} —{' '}
        {t('imports.counts', { created: n(job.created), updated: n(job.updated), skipped: n(job.skipped), failed: n(job.failed) })}
      </p>
      {job.reason && <p className="form-error">{importFailureReason(job.reason, t)}</p>}
      {done && job.created + job.updated > 0 && (
        // The store keeps no link from a machine to the import that made it: the list, newest first.
        <p>
          <Link to="/machines?sort=newest">{t('imports.seeMachines')}</Link>{' '}
          {job.created > 0 && <span className="muted small">{t('imports.seeMachinesNote')}</span>}
        </p>
      )}
      {job.errors.length > 0 && (
        <>
          <h3>{t('imports.errors')}</h3>
          {job.failed > job.errors.length && <p className="muted small">{t('imports.errorsCapped', { count: job.errors.length, formatted: n(job.errors.length) })}</p>}
          <table className="table" data-testid="import-errors">
            <thead>
              <tr>
                <th scope="col">{t('imports.row')}</th>
                <th scope="col">{t('imports.field')}</th>
                <th scope="col">{t('imports.message')}</th>
              </tr>
            </thead>
            <tbody>
              {job.errors.map((e) => (
                <tr key={`${e.row}-${e.field}`}>
                  <td className="num">{e.row}</td>
                  <td className="mono">{e.field || '—'}</td>
                  <td>{rowErrorMessage(e.message, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
