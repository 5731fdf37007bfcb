// Money is integer minor units of an ISO 4217 currency; these convert for display and forms.

function fractionDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** "45.50" (major units, as typed) → 4550 minor units of currency; NaN when it is not a number. */
export function toMinor(major: string, currency: string): number {
  const v = Number(major.replace(',', '.'));
  if (!Number.isFinite(v)) return Number.NaN;
  return Math.round(v * 10 ** fractionDigits(currency || 'EUR'));
}

/** 4550 EUR → "€45.50" in the reader's language. */
export function formatMoney(minor: number, currency: string, language: string): string {
  if (!currency) return String(minor);
  const digits = fractionDigits(currency);
  try {
    return new Intl.NumberFormat(language, { style: 'currency', currency }).format(minor / 10 ** digits);
  } catch {
    return `${(minor / 10 ** digits).toFixed(digits)} ${currency}`;
  }
}

/** Every currency's total, e.g. "€181.00 · $25.98". */
export function formatTotals(totals: Record<string, number>, language: string): string {
  const parts = Object.entries(totals).map(([c, v]) => formatMoney(v, c, language));
  return parts.length ? parts.join(' · ') : '—';
}
