import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { parseNumber, type FieldMessages } from '@/hooks/use-field-checks';
import { toMinor } from '../money';
import type { WorkOrderLine } from '../types';

/** A work order line as typed: numbers as text until sent. */
export interface LineDraft {
  kind: WorkOrderLine['kind'];
  description: string;
  quantity: string;
  unitCost: string;
  currency: string;
}

export const emptyLine = (currency = 'EUR'): LineDraft => ({ kind: 'LABOUR', description: '', quantity: '1', unitCost: '0', currency });

/** The errors of line n's quantity, unit cost and currency, into found (the description is the form's rule). */
export function checkLine(found: FieldMessages, l: LineDraft, n: number, t: TFunction): void {
  const quantity = parseNumber(l.quantity);
  const cost = parseNumber(l.unitCost || '0');
  found[`lines[${n}].quantity`] = quantity === null || quantity <= 0 ? t('fieldErrors.quantity') : undefined;
  found[`lines[${n}].unitCost`] = cost === null || cost < 0 ? t('fieldErrors.unitCost') : undefined;
  found[`lines[${n}].currency`] = /^[a-z]{3}$/i.test(l.currency.trim()) ? undefined : t('fieldErrors.currency');
}

/** A line as the API takes it: the unit cost in the currency's minor units. */
export function lineBody(l: LineDraft) {
  const currency = l.currency.trim().toUpperCase();
  return { kind: l.kind, description: l.description, quantity: parseNumber(l.quantity) ?? 0, unitCost: toMinor(l.unitCost || '0', currency), currency };
}

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

interface WorkOrderLinesProps {
  lines: LineDraft[];
  onChange: (lines: LineDraft[]) => void;
  errors: FieldMessages;
  /** Each line gets a Remove button. */
  removable?: boolean;
  testId?: string;
}

/** The lines of a work order being written: kind, description, quantity, unit cost, currency. */
export function WorkOrderLines({ lines, onChange, errors, removable, testId }: WorkOrderLinesProps) {
  const { t } = useTranslation();
  const setLine = (n: number, patch: Partial<LineDraft>) => onChange(lines.map((l, i) => (i === n ? { ...l, ...patch } : l)));
  return (
    <fieldset className="field" data-testid={testId}>
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
          {removable && (
            <button type="button" className="btn btn--ghost btn--small" onClick={() => onChange(lines.filter((_, i) => i !== n))}>
              {t('workshop.workOrders.removeLine', { n: n + 1 })}
            </button>
          )}
        </div>
      ))}
      <button type="button" className="btn btn--ghost btn--small" onClick={() => onChange([...lines, emptyLine(lines.at(-1)?.currency)])}>
        {t('workshop.workOrders.addLine')}
      </button>
    </fieldset>
  );
}
