import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { QueryState } from '@/components/query-state';
import { FormError } from '@/components/form-error';
import { Field } from '@/components/field';
import { parseNumber, useFieldChecks } from '@/hooks/use-field-checks';
import { ApiError } from '@/lib/api-client';
import { formatDateTime, formatHours } from '@/lib/format';
import type { User } from '@/lib/types';
import { useWorkOrder } from '../api/get-work-order';
import { useWorkOrderActions } from '../api/update-work-order';
import { formatMoney, formatTotals } from '../money';
import { WorkOrderEditForm } from './work-order-edit-form';

/** One work order: its lines and costs, and editing (the owner, while open or in progress), starting, cancelling or completing it. */
export function WorkOrderDetailPage({ user, people }: { user: User; people: User[] }) {
  const { t, i18n } = useTranslation();
  const { workOrderId = '' } = useParams();
  const order = useWorkOrder(workOrderId);
  const actions = useWorkOrderActions(workOrderId);
  const [hours, setHours] = useState('');
  const [editing, setEditing] = useState(false);
  const w = order.data;
  const notFound = order.error instanceof ApiError && order.error.status === 404;
  const name = (id?: string) => people.find((p) => p.id === id)?.name ?? t('workshop.someone');
  const active = w && (w.status === 'OPEN' || w.status === 'IN_PROGRESS');
  const owner = w?.role === 'owner';
  const meter = parseNumber(hours);
  const checks = useFieldChecks(
    () => ({ operatingHours: hours.trim() && (meter === null || meter < 0) ? t('fieldErrors.operatingHours') : undefined }),
    actions.complete.error,
  );
  const complete = (e: FormEvent<HTMLFormElement>) => {
    if (!checks.passes(e)) return;
    actions.complete.mutate(meter !== null ? { operatingHours: meter } : {});
  };
  return (
    <div className="page">
      <Link to="/work-orders" className="back-link">
        ← {t('workshop.workOrders.back')}
      </Link>
      {notFound ? (
        <p className="callout">{t('workshop.workOrders.notFound')}</p>
      ) : (
        <QueryState isPending={order.isPending} error={order.error} onRetry={() => void order.refetch()}>
          {w && (
            <>
              <header className="page__header">
                <div>
                  <h1>{w.title}</h1>
                  <p className="muted">
                    <Link to={`/machines/${w.machineId}`}>{w.machineName}</Link>
                    {w.assigneeId && ` · ${t('workshop.workOrders.assignedTo', { name: name(w.assigneeId) })}`}
                  </p>
                </div>
                <span className="pill" data-testid="work-order-status">
                  {t(`workshop.workOrderStatus.${w.status}`)}
                </span>
              </header>
              <section className="card">
                <table className="table" data-testid="work-order-lines">
                  <thead>
                    <tr>
                      <th>{t('workshop.workOrders.kind')}</th>
                      <th>{t('workshop.workOrders.description')}</th>
                      <th>{t('workshop.workOrders.quantity')}</th>
                      <th>{t('workshop.workOrders.unitCost')}</th>
                      <th>{t('workshop.workOrders.total')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {w.lines.map((l, n) => (
                      <tr key={n}>
                        <td>{t(`workshop.kind.${l.kind}`)}</td>
                        <td>{l.description}</td>
                        <td>{l.quantity}</td>
                        <td>{formatMoney(l.unitCost, l.currency, i18n.language)}</td>
                        <td>{formatMoney(l.total ?? 0, l.currency, i18n.language)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <p className="pad">
                  <strong>{t('workshop.workOrders.total')}:</strong> <span data-testid="work-order-total">{formatTotals(w.totals, i18n.language)}</span>
                </p>
                {w.notes && <p className="pad">{w.notes}</p>}
                {w.issueIds.length > 0 && (
                  <p className="pad small">
                    {t('workshop.workOrders.issues')}:{' '}
                    {w.issueIds.map((id, n) => (
                      <span key={id}>
                        {n > 0 && ', '}
                        <Link to={`/issues/${id}`}>#{n + 1}</Link>
                      </span>
                    ))}
                  </p>
                )}
                {w.completion && (
                  <p className="pad" data-testid="work-order-completion">
                    {t('workshop.workOrders.completedBy', { name: name(w.completion.by), at: formatDateTime(w.completion.at, i18n.language),
                      hours: formatHours(w.completion.operatingHours, i18n.language) })}
                  </p>
                )}
              </section>
              {active && owner && editing && <WorkOrderEditForm order={w} people={people} onDone={() => setEditing(false)} />}
              {active && (
                <section className="card pad stack">
                  <div className="actions">
                    {w.status === 'OPEN' && (owner || w.assigneeId === user.id) && (
                      <button type="button" className="btn" onClick={() => actions.status.mutate('IN_PROGRESS')}>
                        {t('workshop.workOrders.start')}
                      </button>
                    )}
                    {owner && !editing && (
                      <button type="button" className="btn btn--secondary" onClick={() => setEditing(true)}>
                        {t('workshop.workOrders.editButton')}
                      </button>
                    )}
                    {owner && (
                      <button type="button" className="btn btn--ghost" onClick={() => actions.status.mutate('CANCELLED')}>
                        {t('workshop.workOrders.cancel')}
                      </button>
                    )}
                  </div>
                  {owner && (
                    <form className="form form--grid" onSubmit={complete} aria-label={t('workshop.workOrders.complete')} noValidate>
                      <Field id="wo-hours" name="operatingHours" label={t('workshop.workOrders.hours')} inputMode="decimal" value={hours}
                        placeholder={t('workshop.workOrders.hoursHint')} onChange={(e) => setHours(e.target.value)} error={checks.errors.operatingHours} />
                      <button type="submit" className="btn btn--primary" disabled={actions.complete.isPending}>
                        {t('workshop.workOrders.complete')}
                      </button>
                    </form>
                  )}
                  <FormError error={checks.errors.operatingHours ? actions.status.error : (actions.complete.error ?? actions.status.error)} />
                </section>
              )}
            </>
          )}
        </QueryState>
      )}
    </div>
  );
}
