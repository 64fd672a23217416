import { describe, expect, it } from 'vitest';
import { NumberSet } from '../../server/db/number-set.ts';

describe('NumberSet', () => {
  it('tells new values from repeats across growth, including 0 and 2^53 - 1', () => {
    const set = new NumberSet();
    const values = [0, Number.MAX_SAFE_INTEGER, ...Array.from({ length: 200_000 }, (_, i) => i * 7919 * 65536 + 3)];
    for (const value of values) expect(set.add(value)).toBe(true);
    for (const value of values) expect(set.add(value)).toBe(false);
    expect(set.size).toBe(values.length);
    expect(set.add(1)).toBe(true);
  });
});
