import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { FormError } from '@/components/form-error';
import { Field } from '@/components/field';
import { useFieldChecks, type FieldMessages } from '@/hooks/use-field-checks';
import type { Machine, MaintenancePlan, User } from '@/lib/types';
import { useIssues } from '../api/get-issues';
import { useCreateWorkOrder } from '../api/create-work-order';
import { issueTitle } from '../labels';
import { checkLine, emptyLine, lineBody, WorkOrderLines, type LineDraft } from './work-order-lines';

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
      checkLine(found, l, n, t);
    });
    return found;
  }, create.error);
  const errors = checks.errors;
  const assignees = people.filter((p) => p.id === machine.ownerId || machine.operatorIds.includes(p.id));

  const submit = (e: FormEvent<HTMLFormElement>) => {
    if (!checks.passes(e)) return;
    const body = {
      title, notes, planId, issueIds, assigneeId,
      lines: lines.filter((l) => l.description.trim()).map(lineBody),
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
        <WorkOrderLines lines={lines} onChange={setLines} errors={errors} testId="work-order-lines" />
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
