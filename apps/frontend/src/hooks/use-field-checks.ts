// The app's own validation for a form. Forms are `noValidate`, so the browser's bubbles never
// show; `check` gives each field's message (translated) by the field's `name`. The messages
// appear from the first submit on, beside the server's own field errors (VALIDATION_FAILED,
// translated by field), and the first field in error, in the form's order, gets focus.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '@/lib/error-message';

export type FieldMessages = Record<string, string | undefined>;

const present = (messages: FieldMessages): Record<string, string> =>
  Object.fromEntries(Object.entries(messages).filter((e): e is [string, string] => !!e[1]));

function focusFirst(form: HTMLFormElement, errors: Record<string, string>): void {
  for (const element of Array.from(form.elements)) {
    const name = (element as HTMLInputElement).name;
    if (name && errors[name]) {
      (element as HTMLElement).focus();
      return;
    }
  }
}

export function useFieldChecks(check: () => FieldMessages, serverError: unknown) {
  const { t } = useTranslation();
  const [tried, setTried] = useState(false);
  const errors: Record<string, string> = { ...fieldErrors(serverError, t), ...(tried ? present(check()) : {}) };

  return {
    errors,
    /** For onSubmit: prevents the page load, and says whether every check passes (else focuses the first field in error). */
    passes: (e: FormEvent<HTMLFormElement>): boolean => {
      e.preventDefault();
      setTried(true);
      const found = present(check());
      if (Object.keys(found).length === 0) return true;
      focusFirst(e.currentTarget, found);
      return false;
    },
    /** After a successful submit: the emptied form shows no messages. */
    reset: () => setTried(false),
  };
}

/** A number typed by a person: a comma works as the decimal mark; null when it is not one. */
export function parseNumber(value: string): number | null {
  const text = value.trim().replace(',', '.');
  if (text === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}
