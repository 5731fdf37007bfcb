import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { FormError } from '@/components/form-error';
import { Field } from '@/components/field';
import { parseNumber, useFieldChecks, type FieldMessages } from '@/hooks/use-field-checks';
import type { Machine, MaintenancePlan, User } from '@/lib/types';
import { useIssues } from '../api/get-issues';
import { useCreateWorkOrder } from '../api/create-work-order';
import { issueTitle } from '../labels';
import { toMinor } from '../money';
import type { WorkOrderLine } from '../types';

interface LineDraft {
  kind: WorkOrderLine['kind'];
  description: string;
  quantity: string;
  unitCost: string;
  currency: string;
}

const emptyLine = (currency = 'EUR'): LineDraft => ({ kind: 'LABOUR', description: '', quantity: '1', unitCost: '0', currency });

interface LineInputProps {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  maxLength?: number;
  inputMode?: 'decimal';
}

/** One box of a line (its label is the column's, for screen readers), with its error under it. */
function LineInput({ name, label, value, onChange, error, ...rest }: LineInputProps) {
  const errorId = `${name}-error`;
  return (
    <span className="line-input">
      <input name={name} aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined} {...rest} />
      {error && (
        <small id={errorId} className="field__error">
          {error}
        </small>
      )}
    </span>
  );
}

interface WorkOrderFormProps {
  machine: Machine;
  plans: MaintenancePlan[];
  /** The owner and their contacts: the assignee is the owner or an operator. */
  people: User[];
}

/** A new work order of a machine: from a plan, from its open issues, or ad hoc. */
export function WorkOrderForm({ machine, plans, people }: WorkOrderFormProps) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const fromPlan = plans.find((p) => p.id === params.get('plan'));
  const issues = useIssues({ machineId: machine.id, status: '' });
  const open = (issues.data?.pages.flatMap((p) => p.items) ?? []).filter((i) => i.status === 'OPEN' || i.status === 'ACKNOWLEDGED');
  const create = useCreateWorkOrder(machine.id);
  const [title, setTitle] = useState(fromPlan?.name ?? '');
  const [planId, setPlanId] = useState(fromPlan?.id ?? '');
  const [issueIds, setIssueIds] = useState<string[]>(params.getAll('issue'));
  const [assigneeId, setAssigneeId] = useState('');
  const [notes, setNotes] = useState('');
  const [lines, setLines] = useState<LineDraft[]>([emptyLine()]);
  const checks = useFieldChecks(() => {
    const found: FieldMessages = { title: !title.trim() ? t('fieldErrors.title') : undefined };
    lines.forEach((l, n) => {
      if (!l.description.trim()) return; // an empty line is left out
      const quantity = parseNumber(l.quantity);
      const cost = parseNumber(l.unitCost || '0');
      found[`lines[${n}].quantity`] = quantity === null || quantity <= 0 ? t('fieldErrors.quantity') : undefined;
      found[`lines[${n}].unitCost`] = cost === null || cost < 0 ? t('fieldErrors.unitCost') : undefined;
      found[`lines[${n}].currency`] = /^[a-z]{3}$/i.test(l.currency.trim()) ? undefined : t('fieldErrors.currency');
    });
    return found;
  }, create.error);
  const errors = checks.errors;
  const assignees = people.filter((p) => p.id === machine.ownerId || machine.operatorIds.includes(p.id));
  const setLine = (n: number, patch: Partial<LineDraft>) => setLines(lines.map((l, i) => (i === n ? { ...l, ...patch } : l)));

  const submit = (e: FormEvent<HTMLFormElement>) => {
    if (!checks.passes(e)) return;
    const body = {
      title, notes, planId, issueIds, assigneeId,
      lines: lines
        .filter((l) => l.description.trim())
        .map((l) => {
          const currency = l.currency.trim().toUpperCase();
          return { kind: l.kind, description: l.description, quantity: parseNumber(l.quantity) ?? 0,
            unitCost: toMinor(l.unitCost || '0', currency), currency };
        }),
    };
    create.mutate(body, { onSuccess: (w) => navigate(`/work-orders/${w.id}`) });
  };

  return (
    <div className="page">
      <header className="page__header">
        <h1>{t('workshop.workOrders.newFor', { name: machine.name })}</h1>
      </header>
      <form className="card form pad stack" onSubmit={submit} aria-label={t('workshop.workOrders.new')} data-testid="work-order-form" noValidate>
        <Field id="wo-title" name="title" required label={t('workshop.workOrders.titleField')} value={title} maxLength={200}
          onChange={(e) => setTitle(e.target.value)} error={errors.title} />
        <div className="field">
          <label htmlFor="wo-plan">{t('workshop.workOrders.plan')}</label>
          <select id="wo-plan" value={planId} onChange={(e) => setPlanId(e.target.value)}>
            <option value="">{t('workshop.workOrders.noPlan')}</option>
            {plans.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({t(`fleet.plans.status.${p.status}`)})
              </option>
            ))}
          </select>
        </div>
        <fieldset className="field">
          <legend>{t('workshop.workOrders.issues')}</legend>
          {open.length === 0 && <p className="muted small">{t('workshop.issues.noneOpen')}</p>}
          {open.map((i) => (
            <label key={i.id} className="check">
              <input type="checkbox" checked={issueIds.includes(i.id)}
                onChange={(e) => setIssueIds(e.target.checked ? [...issueIds, i.id] : issueIds.filter((x) => x !== i.id))} />
              {issueTitle(i, t, i18n.exists)}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="wo-assignee">{t('workshop.workOrders.assignee')}</label>
          <select id="wo-assignee" value={assigneeId} onChange={(e) => setAssigneeId(e.target.value)}>
            <option value="">{t('workshop.workOrders.unassigned')}</option>
            {assignees.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="field" data-testid="work-order-lines">
          <legend>{t('workshop.workOrders.lines')}</legend>
          {lines.map((l, n) => (
            <div key={n} className="form form--grid" role="group" aria-label={t('workshop.workOrders.line', { n: n + 1 })}>
              <select aria-label={t('workshop.workOrders.kind')} value={l.kind} onChange={(e) => setLine(n, { kind: e.target.value as LineDraft['kind'] })}>
                <option value="LABOUR">{t('workshop.kind.LABOUR')}</option>
                <option value="PART">{t('workshop.kind.PART')}</option>
              </select>
              <LineInput name={`lines[${n}].description`} label={t('workshop.workOrders.description')} value={l.description} maxLength={200}
                onChange={(v) => setLine(n, { description: v })} error={errors[`lines[${n}].description`]} />
              <LineInput name={`lines[${n}].quantity`} label={t('workshop.workOrders.quantity')} inputMode="decimal" value={l.quantity}
                onChange={(v) => setLine(n, { quantity: v })} error={errors[`lines[${n}].quantity`]} />
              <LineInput name={`lines[${n}].unitCost`} label={t('workshop.workOrders.unitCost')} inputMode="decimal" value={l.unitCost}
                onChange={(v) => setLine(n, { unitCost: v })} error={errors[`lines[${n}].unitCost`]} />
              <LineInput name={`lines[${n}].currency`} label={t('workshop.workOrders.currency')} value={l.currency} maxLength={3}
                onChange={(v) => setLine(n, { currency: v })} error={errors[`lines[${n}].currency`]} />
            </div>
          ))}
          <button type="button" className="btn btn--ghost btn--small" onClick={() => setLines([...lines, emptyLine(lines.at(-1)?.currency)])}>
            {t('workshop.workOrders.addLine')}
          </button>
        </fieldset>
        <div className="field">
          <label htmlFor="wo-notes">{t('workshop.workOrders.notes')}</label>
          <textarea id="wo-notes" value={notes} maxLength={4000} onChange={(e) => setNotes(e.target.value)} />
        </div>
        <FormError error={Object.keys(errors).length === 0 ? create.error : null} />
        <button type="submit" className="btn btn--primary" disabled={create.isPending}>
          {t('workshop.workOrders.create')}
        </button>
      </form>
    </div>
  );
}
