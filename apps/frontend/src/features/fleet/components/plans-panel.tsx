import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Field } from '@/components/field';
import { FormError } from '@/components/form-error';
import { QueryState } from '@/components/query-state';
import { toast } from '@/components/toast-store';
import { parseNumber, useFieldChecks } from '@/hooks/use-field-checks';
import { formatDate, formatHours } from '@/lib/format';
import type { Machine, MaintenancePlan } from '@/lib/types';
import { useMaintenancePlans } from '../api/get-maintenance-plans';
import { useCreateMaintenancePlan, type CreatePlanInput } from '../api/create-maintenance-plan';
import { useCompleteMaintenancePlan } from '../api/complete-maintenance-plan';
import { PlanStatusBadge } from './plan-status-badge';
import { DaysLeft, HoursLeft } from './plan-due';
import { STATUS_ORDER, hoursLeft } from '../lib/next-service';

// The types the app names in every language (the API takes any short text: others show as stored).
export const PLAN_TYPES = ['SERVICE', 'INSPECTION', 'OIL_CHANGE', 'FILTER', 'LUBRICATION', 'OTHER'] as const;
/** An empty box is "not given"; anything else is read as a number (NaN when it is not one). */
const optionalNumber = (v: string) => (v.trim() === '' ? undefined : (parseNumber(v) ?? Number.NaN));
/** Not given, or a whole number of at least `min`. */
const wholeNumber = (n: number | undefined, min: number) => n === undefined || (Number.isInteger(n) && n >= min);

function AddPlanForm({ machineId, onDone }: { machineId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateMaintenancePlan(machineId);
  const [form, setForm] = useState({ name: '', type: 'SERVICE', intervalHours: '', intervalDays: '', dueSoonHours: '', dueSoonDays: '' });
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));
  const input: CreatePlanInput = {
    name: form.name.trim(),
    type: form.type,
    intervalHours: optionalNumber(form.intervalHours),
    intervalDays: optionalNumber(form.intervalDays),
    dueSoonHours: optionalNumber(form.dueSoonHours),
    dueSoonDays: optionalNumber(form.dueSoonDays),
  };
  const checks = useFieldChecks(
    () => ({
      name: !input.name ? t('fieldErrors.name') : undefined,
      intervalHours:
        input.intervalHours === undefined && input.intervalDays === undefined
          ? t('fleet.plans.needInterval')
          : wholeNumber(input.intervalHours, 1) ? undefined : t('fieldErrors.intervalHours'),
      intervalDays: wholeNumber(input.intervalDays, 1) ? undefined : t('fieldErrors.intervalDays'),
      dueSoonHours: wholeNumber(input.dueSoonHours, 0) ? undefined : t('fieldErrors.dueSoonHours'),
      dueSoonDays: wholeNumber(input.dueSoonDays, 0) ? undefined : t('fieldErrors.dueSoonDays'),
    }),
    create.error,
  );
  const fields = checks.errors;

  const submit = (e: FormEvent<HTMLFormElement>) => {
    if (!checks.passes(e)) return;
    create.mutate(input, { onSuccess: onDone });
  };

  return (
    <form className="subform form form--grid" onSubmit={submit} aria-label={t('fleet.plans.add')} noValidate>
      <Field label={t('fleet.plans.name')} name="name" required value={form.name} onChange={set('name')} error={fields.name} autoFocus />
      <div className="field">
        <label htmlFor="plan-type">{t('fleet.plans.type')}</label>
        <select id="plan-type" value={form.type} onChange={set('type')}>
          {PLAN_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`fleet.plans.types.${type}`)}
            </option>
          ))}
        </select>
      </div>
      <Field label={t('fleet.plans.intervalHours')} name="intervalHours" inputMode="numeric" value={form.intervalHours} onChange={set('intervalHours')} error={fields.intervalHours} />
      <Field label={t('fleet.plans.intervalDays')} name="intervalDays" inputMode="numeric" value={form.intervalDays} onChange={set('intervalDays')} error={fields.intervalDays} />
      <Field label={t('fleet.plans.dueSoonHours')} name="dueSoonHours" inputMode="numeric" value={form.dueSoonHours} onChange={set('dueSoonHours')} error={fields.dueSoonHours} />
      <Field label={t('fleet.plans.dueSoonDays')} name="dueSoonDays" inputMode="numeric" value={form.dueSoonDays} onChange={set('dueSoonDays')} error={fields.dueSoonDays} />
      <div className="form__actions">
        <FormError error={Object.keys(fields).length === 0 ? create.error : null} />
        <button type="button" className="btn btn--ghost" onClick={onDone}>
          {t('app.cancel')}
        </button>
        <button type="submit" className="btn btn--primary" disabled={create.isPending}>
          {t('fleet.plans.add')}
        </button>
      </div>
    </form>
  );
}

function CompleteForm({ machine, plan, onDone }: { machine: Machine; plan: MaintenancePlan; onDone: () => void }) {
  const { t } = useTranslation();
  const complete = useCompleteMaintenancePlan(machine.id);
  const [hours, setHours] = useState(String(machine.operatingHours));
  const [date, setDate] = useState(new Date().toISOString().slice(0, 10));
  const [notes, setNotes] = useState('');
  const value = parseNumber(hours);
  const checks = useFieldChecks(
    () => ({
      operatingHours: value === null || value < 0 ? t('fieldErrors.operatingHours') : undefined,
      performedAt: !date ? t('fieldErrors.performedAt') : undefined,
    }),
    complete.error,
  );
  const submit = (e: FormEvent<HTMLFormElement>) => {
    if (!checks.passes(e) || value === null) return;
    complete.mutate(
      { planId: plan.id, operatingHours: value, performedAt: new Date(`${date}T12:00:00Z`).toISOString(), notes: notes.trim() },
      {
        onSuccess: () => {
          toast.success(t('fleet.plans.completed'));
          onDone();
        },
      },
    );
  };
  return (
    <form className="subform form form--grid" onSubmit={submit} aria-label={t('fleet.plans.completeTitle', { name: plan.name })} noValidate>
      <Field label={t('fleet.operatingHours')} name="operatingHours" required inputMode="decimal" value={hours} onChange={(e) => setHours(e.target.value)} error={checks.errors.operatingHours} autoFocus />
      <Field label={t('fleet.plans.performedAt')} name="performedAt" type="date" required value={date} onChange={(e) => setDate(e.target.value)} error={checks.errors.performedAt} />
      <Field label={t('fleet.plans.notes')} name="notes" className="span-2" value={notes} onChange={(e) => setNotes(e.target.value)} error={checks.errors.notes} />
      <div className="form__actions">
        <FormError error={Object.keys(checks.errors).length === 0 ? complete.error : null} />
        <button type="button" className="btn btn--ghost" onClick={onDone}>
          {t('app.cancel')}
        </button>
        <button type="submit" className="btn btn--primary" disabled={complete.isPending}>
          {t('fleet.plans.complete')}
        </button>
      </div>
    </form>
  );
}

function PlanRow({ plan, machine }: { plan: MaintenancePlan; machine: Machine }) {
  const { t, i18n } = useTranslation();
  const [completing, setCompleting] = useState(false);
  const lang = i18n.language;
  const left = hoursLeft(plan, machine);
  const interval = [
    plan.intervalHours ? `${plan.intervalHours} h` : null,
    plan.intervalDays ? `${plan.intervalDays} d` : null,
  ]
    .filter(Boolean)
    .join(' / ');

  return (
    <li className={`plan plan--${plan.status.toLowerCase()}`} data-testid="plan">
      <div className="plan__head">
        <div>
          <strong className="plan__name">{plan.name}</strong>
          <span className="muted small">
            {' '}
            · {t(`fleet.plans.types.${plan.type}`, { defaultValue: plan.type })} · {t('fleet.plans.every', { value: interval })}
          </span>
        </div>
        <PlanStatusBadge status={plan.status} />
      </div>
      <dl className="plan__figures">
        {plan.nextDueHours != null && (
          <div>
            <dt>{t('fleet.plans.nextDueHours')}</dt>
            <dd>
              {formatHours(plan.nextDueHours, lang)}
              {left != null && (
                <>
                  {' '}
                  (<HoursLeft hours={left} />)
                </>
              )}
            </dd>
          </div>
        )}
        {plan.nextDueAt && (
          <div>
            <dt>{t('fleet.plans.nextDueAt')}</dt>
            <dd>
              {formatDate(plan.nextDueAt, lang)} (<DaysLeft dueAt={plan.nextDueAt} />)
            </dd>
          </div>
        )}
        {plan.forecastDueAt && (
          <div>
            <dt>{t('fleet.plans.forecast')}</dt>
            <dd>{formatDate(plan.forecastDueAt, lang)}</dd>
          </div>
        )}
      </dl>
      {/* A due or overdue plan's work goes into a work order: the owner's right, as completing it is. */}
      {plan.can?.complete && (plan.status === 'DUE_SOON' || plan.status === 'OVERDUE') && (
        <Link
          className="btn btn--secondary btn--small"
          to={`/machines/${machine.id}/work-orders/new?plan=${encodeURIComponent(plan.id)}`}
          aria-label={t('fleet.plans.createWorkOrderFor', { name: plan.name })}
        >
          {t('fleet.plans.createWorkOrder')}
        </Link>
      )}
      {!plan.can?.complete ? null : completing ? (
        <CompleteForm machine={machine} plan={plan} onDone={() => setCompleting(false)} />
      ) : (
        <button type="button" className="btn btn--secondary btn--small" onClick={() => setCompleting(true)} aria-label={t('fleet.plans.completeFor', { name: plan.name })}>
          {t('fleet.plans.complete')}
        </button>
      )}
    </li>
  );
}

export function PlansPanel({ machine }: { machine: Machine }) {
  const { t } = useTranslation();
  const plans = useMaintenancePlans(machine.id);
  const [adding, setAdding] = useState(false);
  const list = [...(plans.data ?? [])].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
  return (
    <section className="card" aria-labelledby="plans-title">
      <header className="card__header">
        <h2 id="plans-title">{t('fleet.plans.title')}</h2>
        {machine.can?.createPlan && !adding && (
          <button type="button" className="btn btn--secondary btn--small" onClick={() => setAdding(true)}>
            + {t('fleet.plans.add')}
          </button>
        )}
      </header>
      {adding && <AddPlanForm machineId={machine.id} onDone={() => setAdding(false)} />}
      <QueryState isPending={plans.isPending} error={plans.error} onRetry={() => void plans.refetch()}>
        {list.length === 0 ? (
          <p className="muted pad">{t('fleet.plans.empty')}</p>
        ) : (
          <ul className="plans">
            {list.map((p) => (
              <PlanRow key={p.id} plan={p} machine={machine} />
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}
