import { describe, expect, it } from 'vitest';
import { isAppPage } from '../../server/plugins/web.ts';
import { formatDelta, formatInterval, formatMinutes, formatNumber, formatPeriod, intervalsOverlap, previousPeriod } from '../../web/src/lib/format.ts';

describe('web number formats', () => {
  it('says a change in percentage points, and no change when it rounds to zero', () => {
    expect(formatDelta(0.031, 0.091, 'percent')).toBe('−6.0 pp');
    expect(formatDelta(0.05, 0.03, 'percent')).toBe('+2.0 pp');
    expect(formatDelta(0.0300001, 0.03, 'percent')).toBe('no change');
    expect(formatDelta(1200, 1000, 'count')).toBe('+200');
  });

  it('writes durations in minutes, hours or days, and their changes', () => {
    expect(formatMinutes(44.6)).toBe('45 min');
    expect(formatMinutes(1218)).toBe('20.3 h');
    expect(formatMinutes(3 * 1440)).toBe('3 days');
    expect(formatNumber(90, 'minutes')).toBe('90 min');
    expect(formatDelta(100, 40, 'minutes')).toBe('+60 min');
    expect(formatDelta(40.2, 40, 'minutes')).toBe('no change');
  });

  it('writes a 95 % interval and tells when two overlap', () => {
    expect(formatInterval([0.036, 0.044], 'percent')).toBe('95 % CI 3.6%–4.4%');
    expect(intervalsOverlap([0.02, 0.04], [0.035, 0.06])).toBe(true);
    expect(intervalsOverlap([0.02, 0.03], [0.035, 0.06])).toBe(false);
  });

  it('shows an exclusive end as the day before, and finds the period of the same length before', () => {
    expect(formatPeriod('2025-12-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z')).toBe('1 Dec 2025 – 30 Nov 2026');
    expect(previousPeriod('2026-06-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z')).toEqual({ from: '2026-05-02T00:00:00.000Z', to: '2026-06-01T00:00:00.000Z' });
  });
});

describe('SPA fallback paths (server/plugins/web.ts)', () => {
  it('answers index.html for app pages, not for the API, the docs or missing assets', () => {
    expect(isAppPage('GET', '/incidents/123?from=2026-01-01')).toBe(true);
    expect(isAppPage('GET', '/incidents/INC-1.2', 'text/html,application/xhtml+xml')).toBe(true);
    expect(isAppPage('GET', '/api/nope')).toBe(false);
    expect(isAppPage('GET', '/docs/json')).toBe(false);
    expect(isAppPage('GET', '/_app/immutable/chunks/missing.js', 'text/html')).toBe(false);
    expect(isAppPage('GET', '/favicon.ico')).toBe(false);
    expect(isAppPage('POST', '/incidents')).toBe(false);
  });
});
