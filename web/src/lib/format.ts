// Number and date formats used across pages, so one figure reads the same everywhere.

const percentFormat = new Intl.NumberFormat('en', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const countFormat = new Intl.NumberFormat('en');
const ratioFormat = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

const decimalFormat = new Intl.NumberFormat('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
// Durations: "3 days", "2.5 h", not "3.0 days".
const upToOneDecimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

/** `minutes`: a duration in minutes, shown in the unit people say; `decimal`: one decimal, e.g. deployments per week. */
export type NumberKind = 'percent' | 'count' | 'ratio' | 'minutes' | 'decimal';

export function formatNumber(value: number | null | undefined, kind: NumberKind): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (kind === 'percent') return percentFormat.format(value);
  if (kind === 'ratio') return `${ratioFormat.format(value)}×`;
  if (kind === 'minutes') return formatMinutes(value);
  if (kind === 'decimal') return decimalFormat.format(value);
  return countFormat.format(value);
}

/** "42 min", "95 min", "5.2 h", "3.1 days": minutes under two hours, hours under two days, then days. */
export function formatMinutes(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return '—';
  const size = Math.abs(minutes);
  if (size < 120) return `${countFormat.format(Math.round(minutes))} min`;
  if (size < 48 * 60) return `${upToOneDecimal.format(minutes / 60)} h`;
  return `${upToOneDecimal.format(minutes / 1440)} days`;
}

export const formatCount = (value: number) => countFormat.format(value);

/** "12 deployments", "1 deployment". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${countFormat.format(count)} ${count === 1 ? one : many}`;
}

/** A 95 % interval as "95 % CI 3.1 %–9.8 %". */
export function formatInterval(interval: readonly [number, number] | null | undefined, kind: NumberKind): string {
  if (!interval) return '';
  return `95 % CI ${formatNumber(interval[0], kind)}–${formatNumber(interval[1], kind)}`;
}

/** The difference between two values, as people say it: "+2.1 pp", "+12", or "no change". */
export function formatDelta(current: number, previous: number, kind: NumberKind): string {
  const diff = current - previous;
  const size = Math.abs(diff);
  const sign = diff > 0 ? '+' : '−';
  if (kind === 'minutes') return Math.round(size) === 0 ? 'no change' : `${sign}${formatMinutes(size)}`;
  const shown =
    kind === 'percent' ? (size * 100).toFixed(1) : kind === 'ratio' ? ratioFormat.format(size) : kind === 'decimal' ? decimalFormat.format(size) : countFormat.format(size);
  if (Number(shown.replace(/,/g, '')) === 0) return 'no change';
  if (kind === 'percent') return `${sign}${shown} pp`;
  if (kind === 'ratio') return `${sign}${shown}×`;
  return `${sign}${shown}`;
}

/** Whether two 95 % intervals overlap: then a difference between the values may be noise. */
export function intervalsOverlap(a: readonly [number, number], b: readonly [number, number]): boolean {
  return a[0] <= b[1] && b[0] <= a[1];
}

export function formatDay(iso: string): string {
  return dayFormat.format(new Date(iso));
}

/** The period as people read it: `to` is exclusive, so show the day before it. */
export function formatPeriod(from: string, to: string): string {
  return `${formatDay(from)} – ${dayFormat.format(new Date(new Date(to).getTime() - 1))}`;
}

/** The same length of time just before [from, to), as ISO strings. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const start = Date.parse(from);
  const length = Date.parse(to) - start;
  return { from: new Date(start - length).toISOString(), to: new Date(start).toISOString() };
}

const timeFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

/** A moment to the minute, in UTC: "4 Mar 2026, 12:00". */
export function formatTime(iso: string): string {
  return timeFormat.format(new Date(iso));
}
