// The import's problems in the reader's language. The API answers them as English sentences
// (a row error is {row, field, message}; a failed job has a `reason`; a refused upload is
// VALIDATION_FAILED on `file` or PAYLOAD_TOO_LARGE) without a code per problem, so the app
// recognises the server's known sentences here, in one place, and says anything else with a
// general translated sentence: the server's English is never shown.
import type { TFunction } from 'i18next';
import { ApiError } from './api-client';
import { errorMessage } from './error-message';
import i18n from './i18n';

type Rule = [RegExp, string, (m: RegExpMatchArray) => Record<string, string | number>];
const none = () => ({});

/** What a row error's message can say, and the key that says it. */
const ROW_RULES: Rule[] = [
  [/^is missing/, 'missing', none],
  [/^is required when the plan has other values/, 'planNameRequired', none],
  [/^is required/, 'required', none],
  [/^must be at most (\d+) characters/, 'tooLong', (m) => ({ max: Number(m[1]) })],
  [/^must be 1 to (\d+) characters/, 'tooLong', (m) => ({ max: Number(m[1]) })],
  [/^must be a whole number/, 'wholeNumber', none],
  [/^must be a number/, 'number', none],
  [/^must be above 0 and at most ([\d.]+)/, 'aboveZeroAtMost', (m) => ({ max: Number(m[1]) })],
  [/^must be 1 to (\d+)/, 'oneTo', (m) => ({ max: Number(m[1]) })],
  [/^must be between 0 and (\d+)/, 'zeroTo', (m) => ({ max: Number(m[1]) })],
  [/^give intervalHours, intervalDays or both/, 'planInterval', none],
  [/^needs (intervalHours|intervalDays)/, 'marginNeedsInterval', (m) => ({ interval: m[1]! })],
  [/^must be at least 0 and below (intervalHours|intervalDays)/, 'marginBelowInterval', (m) => ({ interval: m[1]! })],
  [/^names another plan of this row/, 'planNameRepeated', none],
  [/^is already registered/, 'duplicate', none],
  [/^repeats row (\d+)/, 'repeatsRow', (m) => ({ row: m[1]! })],
  [/^must not be lower than the machine's current operating hours/, 'hoursBackwards', none],
];

/** What a refused upload's `file` error can say. */
const FILE_RULES: Rule[] = [
  [/^is empty/, 'empty', none],
  [/^has a header but no rows/, 'headerOnly', none],
  [/^has no (\S+) column/, 'missingColumn', (m) => ({ column: m[1]! })],
  [/^has the column (\S+) twice/, 'duplicateColumn', (m) => ({ column: m[1]! })],
  [/^has more than (\d+) columns/, 'tooManyColumns', (m) => ({ max: Number(m[1]) })],
  [/^is not valid CSV at line (\d+)/, 'brokenCsv', (m) => ({ line: m[1]! })],
  [/^is a ZIP file but not an XLSX workbook/, 'notWorkbook', none],
  [/^is not a readable XLSX workbook/, 'unreadableWorkbook', none],
  [/^is not a CSV file/, 'notReadable', none],
];

/** What a failed job's reason can say. */
const REASON_RULES: Rule[] = [
  [/^the uploaded file is no longer stored/, 'fileGone', none],
  [/^the file can no longer be read/, 'fileUnreadable', none],
];

function translate(rules: Rule[], prefix: string, message: string | null | undefined, t: TFunction): string {
  const text = (message ?? '').trim();
  for (const [pattern, key, vars] of rules) {
    const m = text.match(pattern);
    if (!m) continue;
    // Limits in the reader's format (1.000.000 in Spanish); row and line numbers stay as the file's.
    const nf = new Intl.NumberFormat(i18n.language);
    const formatted = Object.fromEntries(Object.entries(vars(m)).map(([k, v]) => [k, typeof v === 'number' ? nf.format(v) : v]));
    return t(`${prefix}.${key}`, formatted);
  }
  return t(`${prefix}.other`);
}

/** A row error's message in the reader's language. */
export const rowErrorMessage = (message: string, t: TFunction) => translate(ROW_RULES, 'imports.rowErrors', message, t);

/** Why a whole job failed, in the reader's language. */
export const importFailureReason = (reason: string | null | undefined, t: TFunction) =>
  translate(REASON_RULES, 'imports.reasons', reason, t);

/** Why an upload was refused, in the reader's language. */
export function uploadErrorMessage(err: unknown, t: TFunction): string {
  if (err instanceof ApiError && err.code === 'PAYLOAD_TOO_LARGE') return t('imports.fileErrors.tooLarge');
  if (err instanceof ApiError && err.fields.file !== undefined) return translate(FILE_RULES, 'imports.fileErrors', err.fields.file, t);
  return errorMessage(err, t);
}
