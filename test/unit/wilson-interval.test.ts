import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../server/analytics/wilson-interval.ts';

describe('wilsonInterval', () => {
  it('matches published values', () => {
    // Worked by hand: n = 50, p = 0.1, centre 0.12854, half-width 0.08506.
    const tenth = wilsonInterval(5, 50)!;
    expect(tenth.low).toBeCloseTo(0.04348, 4);
    expect(tenth.high).toBeCloseTo(0.21357, 4);
    // Worked by hand: n = 10, x = 0, upper = z² / (n + z²) = 3.8415 / 13.8415.
    expect(wilsonInterval(0, 10)).toEqual({ low: 0, high: expect.closeTo(0.27753, 4) });
  });

  it('is symmetric around one half and null without trials', () => {
    const low = wilsonInterval(3, 20)!;
    const high = wilsonInterval(17, 20)!;
    expect(low.low).toBeCloseTo(1 - high.high, 10);
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});
