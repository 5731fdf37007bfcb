import type { TFunction } from 'i18next';
import { ApiError } from './api-client';

/** A sentence for the reader about a failed call, in their language. */
export function errorMessage(err: unknown, t: TFunction): string {
  if (err instanceof ApiError) {
    const key = `errors.${err.code}`;
    const text = t(key);
    return text === key ? t('app.error') : text;
  }
  return t('app.error');
}

/**
 * The fields the server refused (VALIDATION_FAILED), each with a message in the reader's
 * language: the field's own (`fieldErrors.<field>`) or a general one. The server's English
 * text is never shown.
 */
export function fieldErrors(err: unknown, t: TFunction): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const field of Object.keys(err.fields)) {
    // `lines[0].currency` reads the message of `currency`.
    const base = field.replace(/^.*\./, '');
    out[field] = t(`fieldErrors.${field}`, { defaultValue: '' }) || t(`fieldErrors.${base}`, { defaultValue: '' }) || t('fieldErrors.default');
  }
  return out;
}

/** A minimal address check before sending: something@something.something. */
export const looksLikeEmail = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
