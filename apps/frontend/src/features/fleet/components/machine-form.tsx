import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/field';
import { FormError } from '@/components/form-error';
import { toast } from '@/components/toast-store';
import { ApiError } from '@/lib/api-client';
import { parseNumber, useFieldChecks } from '@/hooks/use-field-checks';
import { useCreateMachine } from '../api/create-machine';

const EMPTY = { serialNumber: '', name: '', brand: '', model: '', type: '', operatingHours: '0' };

export function MachineForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateMachine();
  const [form, setForm] = useState(EMPTY);
  const hours = parseNumber(form.operatingHours);
  const checks = useFieldChecks(
    () => ({
      name: !form.name.trim() ? t('fieldErrors.name') : undefined,
      serialNumber: !form.serialNumber.trim() ? t('fieldErrors.serialNumber') : undefined,
      operatingHours: hours === null || hours < 0 ? t('fieldErrors.operatingHours') : undefined,
    }),
    create.error,
  );
  const fields = checks.errors;
  const conflict = create.error instanceof ApiError && create.error.status === 409;
  const set = (key: keyof typeof EMPTY) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));

  const submit = (e: FormEvent<HTMLFormElement>) => {
    if (!checks.passes(e)) return;
    create.mutate(
      {
        serialNumber: form.serialNumber.trim(),
        name: form.name.trim(),
        brand: form.brand.trim(),
        model: form.model.trim(),
        type: form.type.trim(),
        operatingHours: hours ?? 0,
      },
      {
        onSuccess: () => {
          toast.success(t('fleet.created'));
          setForm(EMPTY);
          onDone();
        },
      },
    );
  };

  return (
    <form className="card pad form form--grid" onSubmit={submit} aria-label={t('fleet.add')} noValidate>
      <Field label={t('fleet.name')} name="name" required value={form.name} onChange={set('name')} error={fields.name} autoFocus />
      <Field
        label={t('fleet.serialNumber')}
        name="serialNumber"
        required
        value={form.serialNumber}
        onChange={set('serialNumber')}
        error={fields.serialNumber ?? (conflict ? t('fleet.serialTaken') : undefined)}
      />
      <Field label={t('fleet.brand')} name="brand" value={form.brand} onChange={set('brand')} error={fields.brand} />
      <Field label={t('fleet.model')} name="model" value={form.model} onChange={set('model')} error={fields.model} />
      <Field label={t('fleet.type')} name="type" value={form.type} onChange={set('type')} error={fields.type} placeholder="Excavator" />
      <Field
        label={t('fleet.operatingHours')}
        name="operatingHours"
        inputMode="decimal"
        value={form.operatingHours}
        onChange={set('operatingHours')}
        error={fields.operatingHours}
      />
      <div className="form__actions">
        <FormError error={conflict ? null : create.error} />
        <button type="button" className="btn btn--ghost" onClick={onDone}>
          {t('app.cancel')}
        </button>
        <button type="submit" className="btn btn--primary" disabled={create.isPending}>
          {t('fleet.add')}
        </button>
      </div>
    </form>
  );
}
