import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/field';
import { FormError } from '@/components/form-error';
import { toast } from '@/components/toast-store';
import { ApiError } from '@/lib/api-client';
import { fieldErrors } from '@/lib/error-message';
import { useCreateMachine } from '../api/create-machine';

const EMPTY = { serialNumber: '', name: '', brand: '', model: '', type: '', operatingHours: '0' };

export function MachineForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateMachine();
  const [form, setForm] = useState(EMPTY);
  const fields = fieldErrors(create.error, t);
  const conflict = create.error instanceof ApiError && create.error.status === 409;
  const set = (key: keyof typeof EMPTY) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      {
        serialNumber: form.serialNumber.trim(),
        name: form.name.trim(),
        brand: form.brand.trim(),
        model: form.model.trim(),
        type: form.type.trim(),
        operatingHours: Number(form.operatingHours) || 0,
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
    <form className="card pad form form--grid" onSubmit={submit} aria-label={t('fleet.add')}>
      <Field label={t('fleet.name')} required value={form.name} onChange={set('name')} error={fields.name} autoFocus />
      <Field
        label={t('fleet.serialNumber')}
        required
        value={form.serialNumber}
        onChange={set('serialNumber')}
        error={conflict ? t('fleet.serialTaken') : fields.serialNumber}
      />
      <Field label={t('fleet.brand')} value={form.brand} onChange={set('brand')} error={fields.brand} />
      <Field label={t('fleet.model')} value={form.model} onChange={set('model')} error={fields.model} />
      <Field label={t('fleet.type')} value={form.type} onChange={set('type')} error={fields.type} placeholder="Excavator" />
      <Field
        label={t('fleet.operatingHours')}
        type="number"
        min={0}
        step="0.1"
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
