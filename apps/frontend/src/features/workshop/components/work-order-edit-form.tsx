import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '@/components/form-error';
import { Field } from '@/components/field';
import { useFieldChecks, type FieldMessages } from '@/hooks/use-field-checks';
import type { User, WorkOrder } from '@/lib/types';
import { useWorkOrderActions } from '../api/update-work-order';
import type { WorkOrderLine } from '../types';
import { checkLine, lineBody, WorkOrderLines, type LineDraft } from './work-order-lines';

function fractionDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

const draftOf = (l: WorkOrderLine): LineDraft => ({ kind: l.kind, description: l.description, quantity: String(l.quantity),
  unitCost: String(l.unitCost / 10 ** fractionDigits(l.currency)), currency: l.currency });

/**
 * The owner's edit of a work order while it is OPEN or IN_PROGRESS: title, assignee, lines and
 * notes (PATCH /work-orders/{id}). The server's field errors show beside their boxes, translated.
 */
export function WorkOrderEditForm({ order, people, onDone }: { order: WorkOrder; people: User[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { edit } = useWorkOrderActions(order.id);
  const [title, setTitle] = useState(order.title);
  const [assigneeId, setAssigneeId] = useState(order.assigneeId ?? '');
  const [notes, setNotes] = useState(order.notes ?? '');
  const [lines, setLines] = useState<LineDraft[]>(order.lines.map(draftOf));
  const checks = useFieldChecks(() => {
    const found: FieldMessages = { title: !title.trim() ? t('fieldErrors.title') : undefined };
    lines.forEach((l, n) => {
      found[`lines[${n}].description`] = l.description.trim() ? undefined : t('fieldErrors.description');
      checkLine(found, l, n, t);
    });
    return found;
  }, edit.error);
  const errors = checks.errors;
  const submit = (e: FormEvent<HTMLFormElement>) => {
    if (!checks.passes(e)) return;
    edit.mutate(
      {
        title, notes, assigneeId,
        lines: lines.map(lineBody),
      },
      { onSuccess: onDone },
    );
  };
  return (
    <form className="card form pad stack" onSubmit={submit} aria-label={t('workshop.workOrders.edit')} noValidate>
      <Field id="wo-edit-title" name="title" required label={t('workshop.workOrders.titleField')} value={title} maxLength={200}
        onChange={(e) => setTitle(e.target.value)} error={errors.title} />
      <div className="field">
        <label htmlFor="wo-edit-assignee">{t('workshop.workOrders.assignee')}</label>
        <select id="wo-edit-assignee" name="assigneeId" value={assigneeId} onChange={(e) => setAssigneeId(e.target.value)}>
          <option value="">{t('workshop.workOrders.unassigned')}</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        {errors.assigneeId && <small className="field__error">{errors.assigneeId}</small>}
      </div>
      <WorkOrderLines lines={lines} onChange={setLines} errors={errors} removable />
      <div className="field">
        <label htmlFor="wo-edit-notes">{t('workshop.workOrders.notes')}</label>
        <textarea id="wo-edit-notes" name="notes" value={notes} maxLength={4000} onChange={(e) => setNotes(e.target.value)} />
      </div>
      <FormError error={Object.keys(errors).length === 0 ? edit.error : null} />
      <div className="actions">
        <button type="submit" className="btn btn--primary" disabled={edit.isPending}>
          {t('workshop.workOrders.save')}
        </button>
        <button type="button" className="btn btn--ghost" onClick={onDone}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}
