export function formatDate(iso: string | null | undefined, language: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return d.toLocaleDateString(language, { year: 'numeric', month: 'short', day: 'numeric' });
}

export function formatDateTime(iso: string | null | undefined, language: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return d.toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatTime(iso: string, language: string): string {
  const d = new Date(iso);
  const sameDay = d.toDateString() === new Date().toDateString();
  return sameDay
    ? d.toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit' })
    : d.toLocaleString(language, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** "3 min ago", "yesterday" in the reader's language. */
export function formatRelative(iso: string, language: string, now: number = Date.now()): string {
  const diff = (Date.parse(iso) - now) / 1000;
  const rtf = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  const abs = Math.abs(diff);
  if (abs < 45) return rtf.format(Math.round(diff), 'second');
  if (abs < 2700) return rtf.format(Math.round(diff / 60), 'minute');
  if (abs < 79200) return rtf.format(Math.round(diff / 3600), 'hour');
  if (abs < 2_592_000) return rtf.format(Math.round(diff / 86400), 'day');
  return formatDate(iso, language);
}

export function formatHours(hours: number | null | undefined, language: string): string {
  if (hours == null) return '—';
  return `${hours.toLocaleString(language, { maximumFractionDigits: 1 })} h`;
}

/** 12345.5 → "12,345.5" (English), "12.345,5" (Spanish). */
export function formatNumber(n: number, language: string): string {
  return n.toLocaleString(language, { maximumFractionDigits: 1 });
}

/** A calendar day as the API writes it ("2026-12-01") in the reader's language, whatever the time zone. */
export function formatDay(day: string | null | undefined, language: string): string {
  const m = day?.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (!m) return day || '—';
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).toLocaleDateString(language, { year: 'numeric', month: 'short', day: 'numeric' });
}
