import { describe, expect, it } from 'vitest';
import { erfc, twoProportionTest } from '../../server/analytics/two-proportion-test.ts';

// Expected values from scipy 1.17 (p̂ pooled, z = (p₂ − p₁)/se, p = 2·norm.sf(|z|)).
describe('twoProportionTest', () => {
  it('matches scipy for a halved failure rate', () => {
    const result = twoProportionTest({ successes: 40, trials: 200 }, { successes: 20, trials: 200 });
    expect(result.difference).toBeCloseTo(-0.1, 12);
    expect(result.z).toBeCloseTo(-2.8005601680560193, 10);
    expect(result.p_value).toBeCloseTo(0.0051013996460049825, 6);
  });

  it('matches scipy for unequal periods and a rise', () => {
    const result = twoProportionTest({ successes: 3, trials: 120 }, { successes: 9, trials: 80 });
    expect(result.z).toBeCloseTo(2.5526373512131544, 10);
    expect(result.p_value).toBeCloseTo(0.010691074702570167, 6);
  });

  it('matches scipy when one period has no failures', () => {
    expect(twoProportionTest({ successes: 1, trials: 2000 }, { successes: 0, trials: 3000 }).p_value).toBeCloseTo(0.22062519856083984, 6);
  });

  it('says nothing without trials, and p = 1 for two certain, equal rates', () => {
    expect(twoProportionTest({ successes: 0, trials: 0 }, { successes: 1, trials: 5 })).toEqual({ difference: null, z: null, p_value: null });
    expect(twoProportionTest({ successes: 0, trials: 10 }, { successes: 0, trials: 30 })).toEqual({ difference: 0, z: 0, p_value: 1 });
  });

  it('erfc is the complement of erf (Abramowitz & Stegun table values)', () => {
    expect(erfc(0)).toBeCloseTo(1, 7);
    expect(erfc(1)).toBeCloseTo(0.157299207050285, 7);
    expect(erfc(-1)).toBeCloseTo(1.842700792949715, 7);
  });
});
