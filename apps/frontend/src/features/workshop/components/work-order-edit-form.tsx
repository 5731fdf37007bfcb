import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '@/components/form-error';
import { Field } from '@/components/field';
import { parseNumber, useFieldChecks, type FieldMessages } from '@/hooks/use-field-checks';
import type { User, WorkOrder } from '@/lib/types';
import { useWorkOrderActions } from '../api/update-work-order';
import { toMinor } from '../money';
import type { WorkOrderLine } from '../types';

interface LineDraft {
  kind: WorkOrderLine['kind'];
  description: string;
  quantity: string;
  unitCost: string;
  currency: string;
}

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
      const quantity = parseNumber(l.quantity);
      const cost = parseNumber(l.unitCost || '0');
      found[`lines[${n}].quantity`] = quantity === null || quantity <= 0 ? t('fieldErrors.quantity') : undefined;
      found[`lines[${n}].unitCost`] = cost === null || cost < 0 ? t('fieldErrors.unitCost') : undefined;
      found[`lines[${n}].currency`] = /^[a-z]{3}$/i.test(l.currency.trim()) ? undefined : t('fieldErrors.currency');
    });
    return found;
  }, edit.error);
  const errors = checks.errors;
  const setLine = (n: number, patch: Partial<LineDraft>) => setLines(lines.map((l, i) => (i === n ? { ...l, ...patch } : l)));
  const submit = (e: FormEvent<HTMLFormElement>) => {
    if (!checks.passes(e)) return;
    edit.mutate(
      {
        title, notes, assigneeId,
        lines: lines.map((l) => {
          const currency = l.currency.trim().toUpperCase();
          return { kind: l.kind, description: l.description, quantity: parseNumber(l.quantity) ?? 0, unitCost: toMinor(l.unitCost || '0', currency), currency };
        }),
      },
      { onSuccess: onDone },
    );
  };
  const box = (n: number, key: 'description' | 'quantity' | 'unitCost' | 'currency') => {
    const name = `lines[${n}].${key}`;
    return (
      <span className="line-input">
        <input name={name} aria-label={t(`workshop.workOrders.${key}`)} value={lines[n][key]} onChange={(e) => setLine(n, { [key]: e.target.value })}
          aria-invalid={errors[name] ? true : undefined} aria-describedby={errors[name] ? `edit-${name}-error` : undefined} />
        {errors[name] && <small id={`edit-${name}-error`} className="field__error">{errors[name]}</small>}
      </span>
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
      <fieldset className="field">
        <legend>{t('workshop.workOrders.lines')}</legend>
        {lines.map((l, n) => (
          <div key={n} className="form form--grid" role="group" aria-label={t('workshop.workOrders.line', { n: n + 1 })}>
            <select aria-label={t('workshop.workOrders.kind')} value={l.kind} onChange={(e) => setLine(n, { kind: e.target.value as LineDraft['kind'] })}>
              <option value="LABOUR">{t('workshop.kind.LABOUR')}</option>
              <option value="PART">{t('workshop.kind.PART')}</option>
            </select>
            {box(n, 'description')}
            {box(n, 'quantity')}
            {box(n, 'unitCost')}
            {box(n, 'currency')}
            <button type="button" className="btn btn--ghost btn--small" onClick={() => setLines(lines.filter((_, i) => i !== n))}>
              {t('workshop.workOrders.removeLine', { n: n + 1 })}
            </button>
          </div>
        ))}
        <button type="button" className="btn btn--ghost btn--small"
          onClick={() => setLines([...lines, { kind: 'LABOUR', description: '', quantity: '1', unitCost: '0', currency: lines.at(-1)?.currency ?? 'EUR' }])}>
          {t('workshop.workOrders.addLine')}
        </button>
      </fieldset>
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
