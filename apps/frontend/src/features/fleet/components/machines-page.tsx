import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { QueryState } from '@/components/query-state';
import { EmptyState } from '@/components/empty-state';
import { formatHours } from '@/lib/format';
import { apiUrl } from '@/lib/api-client';
import { useMachines } from '../api/get-machines';
import { MachineForm } from './machine-form';

export function MachinesPage() {
  const { t, i18n } = useTranslation();
  const machines = useMachines();
  const [adding, setAdding] = useState(false);
  const list = [...(machines.data ?? [])].sort((a, b) => a.name.localeCompare(b.name));

  return (
    <div className="page">
      <header className="page__header">
        <h1>{t('fleet.title')}</h1>
        <div className="actions">
          <a className="btn" href={apiUrl('/machines/export.csv')} download data-testid="export-csv">
            {t('fleet.exportCsv')}
          </a>
          <Link className="btn" to="/imports">
            {t('fleet.importCsv')}
          </Link>
          {!adding && (
            <button type="button" className="btn btn--primary" onClick={() => setAdding(true)}>
              + {t('fleet.add')}
            </button>
          )}
        </div>
      </header>
      {adding && <MachineForm onDone={() => setAdding(false)} />}
      <QueryState isPending={machines.isPending} error={machines.error} onRetry={() => void machines.refetch()}>
        {list.length === 0 ? (
          <EmptyState icon="machine">{t('fleet.empty')}</EmptyState>
        ) : (
          <div className="card">
            <table className="table table--responsive" data-testid="machine-table">
              <thead>
                <tr>
                  <th scope="col">{t('fleet.name')}</th>
                  <th scope="col">{t('fleet.serialNumber')}</th>
                  <th scope="col">
                    {t('fleet.brand')} / {t('fleet.model')}
                  </th>
                  <th scope="col">{t('fleet.type')}</th>
                  <th scope="col" className="num">
                    {t('fleet.hours')}
                  </th>
                  <th scope="col">{t('fleet.role')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((m) => (
                  <tr key={m.id}>
                    <th scope="row" data-label={t('fleet.name')}>
                      <Link to={`/machines/${m.id}`}>{m.name}</Link>
                    </th>
                    <td data-label={t('fleet.serialNumber')} className="mono">
                      {m.serialNumber}
                    </td>
                    <td data-label={`${t('fleet.brand')} / ${t('fleet.model')}`}>
                      {[m.brand, m.model].filter(Boolean).join(' ') || '—'}
                    </td>
                    <td data-label={t('fleet.type')}>{m.type || '—'}</td>
                    <td data-label={t('fleet.hours')} className="num">
                      {formatHours(m.operatingHours, i18n.language)}
                    </td>
                    <td data-label={t('fleet.role')}>
                      <span className={`pill pill--${m.role}`}>{t(`fleet.roles.${m.role}`)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
    </div>
  );
}
