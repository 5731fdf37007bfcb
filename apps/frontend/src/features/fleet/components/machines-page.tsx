import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { QueryState } from '@/components/query-state';
import { EmptyState } from '@/components/empty-state';
import { formatDate, formatHours } from '@/lib/format';
import { apiUrl } from '@/lib/api-client';
import type { Machine, MaintenancePlan } from '@/lib/types';
import { useFleetPlans } from '../api/get-fleet-plans';
import { useMachines } from '../api/get-machines';
import { MACHINE_SORTS, hoursLeft, nextPlan, searchMachines, sortMachines, type MachineSort } from '../lib/next-service';
import { MachineForm } from './machine-form';
import { PlanStatusBadge } from './plan-status-badge';
import { DaysLeft, HoursLeft } from './plan-due';

/** The status of the machine's next plan, its name and how far off it is (hours and/or days). */
function NextService({ machine, plan }: { machine: Machine; plan: MaintenancePlan | null }) {
  const { t, i18n } = useTranslation();
  if (!plan) return <span className="muted">{t('fleet.list.noPlans')}</span>;
  const left = hoursLeft(plan, machine);
  return (
    <div className="next-service">
      <PlanStatusBadge status={plan.status} />
      <span className="next-service__plan">{plan.name}</span>
      <span className="next-service__due small">
        {left != null && <HoursLeft hours={left} />}
        {left != null && plan.nextDueAt && ' · '}
        {plan.nextDueAt && (
          <>
            <DaysLeft dueAt={plan.nextDueAt} /> <span className="muted">({formatDate(plan.nextDueAt, i18n.language)})</span>
          </>
        )}
      </span>
    </div>
  );
}

const isSort = (v: string | null): v is MachineSort => MACHINE_SORTS.includes(v as MachineSort);

/** Rows drawn at first and added by each "Show more": a fleet of thousands stays quick to open,
 * while search and sort still run over every machine. */
export const MACHINES_PAGE = 100;

export function MachinesPage() {
  const { t, i18n } = useTranslation();
  // The list comes from the machines alone (quick, whatever the fleet's size); each machine's
  // next service from one request for every machine's plans, never one per machine.
  const machines = useMachines();
  const fleet = useFleetPlans();
  const [adding, setAdding] = useState(false);
  const [limit, setLimit] = useState(MACHINES_PAGE);
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  const sort: MachineSort = isSort(params.get('sort')) ? (params.get('sort') as MachineSort) : 'name';
  const setParam = (key: 'q' | 'sort', value: string, fallback: string) => {
    setLimit(MACHINES_PAGE);
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value === fallback) next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );
  };

  const plansOf = new Map((fleet.data ?? []).map((f) => [f.machine.id, f.plans]));
  const all = (machines.data ?? []).map((machine) => {
    const plans = plansOf.get(machine.id);
    return { machine, next: plans ? nextPlan(machine, plans) : null, known: plans !== undefined };
  });
  const rows = sortMachines(searchMachines(all, query), sort, i18n.language);
  const shown = rows.slice(0, limit);
  const more = Math.min(MACHINES_PAGE, rows.length - shown.length);
  const num = (n: number) => n.toLocaleString(i18n.language);

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
        {all.length === 0 ? (
          <EmptyState icon="machine">{t('fleet.empty')}</EmptyState>
        ) : (
          <div className="card">
            <div className="list-tools" role="search">
              <div className="field list-tools__search">
                <label htmlFor="machine-search">{t('fleet.list.search')}</label>
                <input
                  id="machine-search"
                  type="search"
                  value={query}
                  placeholder={t('fleet.list.searchPlaceholder')}
                  onChange={(e) => setParam('q', e.target.value, '')}
                />
              </div>
              <div className="field">
                <label htmlFor="machine-sort">{t('fleet.list.sortBy')}</label>
                <select id="machine-sort" value={sort} onChange={(e) => setParam('sort', e.target.value, 'name')}>
                  {MACHINE_SORTS.map((s) => (
                    <option key={s} value={s}>
                      {t(`fleet.list.sorts.${s}`)}
                    </option>
                  ))}
                </select>
              </div>
              <p className="muted small list-tools__count" role="status">
                {shown.length < rows.length
                  ? t('fleet.list.countPaged', { shown: num(shown.length), matching: num(rows.length), total: num(all.length) })
                  : t('fleet.list.count', { shown: num(rows.length), total: num(all.length) })}
              </p>
            </div>
            {fleet.error && (
              <p className="callout pad" role="alert">
                {t('fleet.list.plansFailed')}{' '}
                <button type="button" className="btn btn--small" onClick={() => void fleet.refetch()}>
                  {t('app.retry')}
                </button>
              </p>
            )}
            {rows.length === 0 ? (
              <p className="muted pad">{t('fleet.list.noMatch', { query })}</p>
            ) : (
              <table className="table table--responsive" data-testid="machine-table">
                <thead>
                  <tr>
                    <th scope="col" aria-sort={sort === 'name' ? 'ascending' : undefined}>
                      {t('fleet.name')}
                    </th>
                    <th scope="col">{t('fleet.serialNumber')}</th>
                    <th scope="col">
                      {t('fleet.brand')} / {t('fleet.model')}
                    </th>
                    <th scope="col" className="num" aria-sort={sort === 'hours' ? 'descending' : undefined}>
                      {t('fleet.hours')}
                    </th>
                    <th scope="col" aria-sort={sort === 'next' ? 'ascending' : undefined}>
                      {t('fleet.list.nextService')}
                    </th>
                    <th scope="col">{t('fleet.role')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map(({ machine: m, next, known }) => (
                    <tr key={m.id} data-testid="machine-row">
                      <th scope="row" data-label={t('fleet.name')}>
                        <Link to={`/machines/${m.id}`}>{m.name}</Link>
                        {m.type && <span className="muted small machine-type"> · {m.type}</span>}
                      </th>
                      <td data-label={t('fleet.serialNumber')} className="mono">
                        {m.serialNumber}
                      </td>
                      <td data-label={`${t('fleet.brand')} / ${t('fleet.model')}`}>
                        {[m.brand, m.model].filter(Boolean).join(' ') || '—'}
                      </td>
                      <td data-label={t('fleet.hours')} className="num">
                        {formatHours(m.operatingHours, i18n.language)}
                      </td>
                      <td data-label={t('fleet.list.nextService')} data-testid="next-service" aria-busy={!known || undefined}>
                        {known ? (
                          <NextService machine={m} plan={next} />
                        ) : fleet.error ? (
                          <span className="muted">—</span>
                        ) : (
                          <span className="muted">{t('app.loading')}</span>
                        )}
                      </td>
                      <td data-label={t('fleet.role')}>
                        <span className={`pill pill--${m.role}`}>{t(`fleet.roles.${m.role}`)}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {more > 0 && (
              <p className="pad">
                <button type="button" className="btn" onClick={() => setLimit((l) => l + MACHINES_PAGE)}>
                  {t('fleet.list.showMore', { count: more, left: num(rows.length - shown.length) })}
                </button>
              </p>
            )}
          </div>
        )}
      </QueryState>
    </div>
  );
}
