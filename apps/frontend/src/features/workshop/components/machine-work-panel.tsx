import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { FormError } from '@/components/form-error';
import { QueryState } from '@/components/query-state';
import { Field } from '@/components/field';
import { useFieldChecks } from '@/hooks/use-field-checks';
import type { Machine } from '@/lib/types';
import { useIssues } from '../api/get-issues';
import { useCreateIssue } from '../api/create-issue';
import { useIssuePolicy } from '../api/issue-policy';
import { useWorkOrders } from '../api/get-work-orders';
import { formatTotals } from '../money';
import type { Severity } from '../types';
import { IssueList } from './issue-list';
import { SeverityOptions } from './severity-options';

/** The machine page's issues (open ones, a form to report one) and work orders. */
export function MachineWorkPanel({ machine }: { machine: Machine }) {
  const { t, i18n } = useTranslation();
  const issues = useIssues({ machineId: machine.id, status: '' });
  const orders = useWorkOrders({ machineId: machine.id });
  const create = useCreateIssue(machine.id);
  const [form, setForm] = useState({ title: '', description: '', severity: 'MEDIUM' as Severity });
  const owner = machine.role === 'owner';
  const open = (issues.data?.pages.flatMap((p) => p.items) ?? []).filter((i) => i.status === 'OPEN' || i.status === 'ACKNOWLEDGED');
  const active = (orders.data?.pages.flatMap((p) => p.items) ?? []).slice(0, 10);
  const checks = useFieldChecks(() => ({ title: !form.title.trim() ? t('fieldErrors.title') : undefined }), create.error);
  const errors = checks.errors;
  const submit = (e: FormEvent<HTMLFormElement>) => {
    if (!checks.passes(e)) return;
    create.mutate(form, {
      onSuccess: () => {
        setForm({ title: '', description: '', severity: 'MEDIUM' });
        checks.reset();
      },
    });
  };
  return (
    <section className="card" aria-labelledby="machine-issues-title" data-testid="machine-issues">
      <header className="card__header">
        <h2 id="machine-issues-title">{t('workshop.machine.title', { count: open.length })}</h2>
        {owner && <Link to={`/machines/${machine.id}/history`}>{t('workshop.history.link')}</Link>}
      </header>
      <QueryState isPending={issues.isPending} error={issues.error} onRetry={() => void issues.refetch()}>
        {open.length === 0 ? <p className="muted pad">{t('workshop.issues.noneOpen')}</p> : <IssueList issues={open} showMachine={false} />}
      </QueryState>
      <form className="subform form form--grid" onSubmit={submit} aria-label={t('workshop.issues.report')} noValidate>
        <Field id="new-issue-title" name="title" required label={t('workshop.issues.titleField')} value={form.title} maxLength={200}
          onChange={(e) => setForm({ ...form, title: e.target.value })} error={errors.title} />
        <div className="field">
          <label htmlFor="new-issue-severity">{t('workshop.issues.severity')}</label>
          <select id="new-issue-severity" value={form.severity} onChange={(e) => setForm({ ...form, severity: e.target.value as Severity })}>
            <SeverityOptions />
          </select>
        </div>
        <Field id="new-issue-description" name="description" label={t('workshop.issues.description')} value={form.description} maxLength={2000}
          onChange={(e) => setForm({ ...form, description: e.target.value })} error={errors.description} />
        <FormError error={Object.keys(errors).length === 0 ? create.error : null} />
        <button type="submit" className="btn" disabled={create.isPending}>
          {t('workshop.issues.report')}
        </button>
      </form>
      {owner && <PolicyToggle machineId={machine.id} />}
      <header className="card__header">
        <h3>{t('workshop.workOrders.title')}</h3>
        {owner && (
          <Link className="btn btn--small" to={`/machines/${machine.id}/work-orders/new`}>
            {t('workshop.workOrders.new')}
          </Link>
        )}
      </header>
      <QueryState isPending={orders.isPending} error={orders.error} onRetry={() => void orders.refetch()}>
        <ul className="rows" data-testid="machine-work-orders">
          {active.map((w) => (
            <li key={w.id} className="row">
              <div className="row__main">
                <Link to={`/work-orders/${w.id}`}>{w.title}</Link>
                <span className="muted small">{formatTotals(w.totals, i18n.language)}</span>
              </div>
              <span className="pill">{t(`workshop.workOrderStatus.${w.status}`)}</span>
            </li>
          ))}
        </ul>
      </QueryState>
    </section>
  );
}

function PolicyToggle({ machineId }: { machineId: string }) {
  const { t } = useTranslation();
  const { query, save } = useIssuePolicy(machineId);
  // Unknown is not "off": a policy that failed to load says so and offers Retry instead of a switch.
  if (query.error) {
    return (
      <div className="pad">
        <QueryState isPending={false} error={query.error} onRetry={() => void query.refetch()}>
          {null}
        </QueryState>
      </div>
    );
  }
  return (
    <label className="check pad">
      <input type="checkbox" checked={query.data?.operatorsMayResolve ?? false} disabled={query.isPending || save.isPending}
        onChange={(e) => save.mutate(e.target.checked)} />
      {t('workshop.issues.operatorsMayResolve')}
    </label>
  );
}
