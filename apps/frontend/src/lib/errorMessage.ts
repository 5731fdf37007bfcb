import type { TFunction } from 'i18next';
import { ApiError } from './apiClient';

/** A sentence for the reader about a failed call, in their language. */
export function errorMessage(err: unknown, t: TFunction): string {
  if (err instanceof ApiError) {
    const key = `errors.${err.code}`;
    const text = t(key);
    return text === key ? t('app.error') : text;
  }
  return t('app.error');
}

/** The server's per-field messages (VALIDATION_FAILED), keyed by field name. */
export function fieldErrors(err: unknown): Record<string, string> {
  return err instanceof ApiError ? err.fields : {};
}
