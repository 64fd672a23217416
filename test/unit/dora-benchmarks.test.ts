import { describe, expect, it } from 'vitest';
import { changeFailureRateTier, deploymentFrequencyTier, leadTimeTier, recoveryTimeTier } from '../../web/src/lib/dora-benchmarks.ts';

// Boundaries of the 2024 State of DevOps report's clusters (see the module's header).
describe('DORA tiers', () => {
  it('deployment frequency: several a day is elite, daily to weekly high, to monthly medium', () => {
    expect(deploymentFrequencyTier(7.5).tier).toBe('elite');
    expect(deploymentFrequencyTier(7).tier).toBe('high'); // exactly daily is not "multiple per day"
    expect(deploymentFrequencyTier(1).tier).toBe('high');
    expect(deploymentFrequencyTier(0.5).tier).toBe('medium');
    expect(deploymentFrequencyTier(0.2).tier).toBe('low'); // under 7 / 30.44 ≈ 0.23 a week
  });

  it('lead time: under a day elite, a week high, a month medium', () => {
    expect(leadTimeTier(1439).tier).toBe('elite');
    expect(leadTimeTier(1440).tier).toBe('high');
    expect(leadTimeTier(7 * 1440).tier).toBe('high');
    expect(leadTimeTier(7 * 1440 + 1).tier).toBe('medium');
    expect(leadTimeTier(31 * 1440).tier).toBe('low');
  });

  it('change failure rate: 5 % elite, 20 % high, above low; never medium', () => {
    expect(changeFailureRateTier(0.05).tier).toBe('elite');
    expect(changeFailureRateTier(0.1).tier).toBe('high');
    expect(changeFailureRateTier(0.2).tier).toBe('high');
    expect(changeFailureRateTier(0.21).tier).toBe('low');
  });

  it('recovery time: under an hour elite, under a day high, else low', () => {
    expect(recoveryTimeTier(59).tier).toBe('elite');
    expect(recoveryTimeTier(60).tier).toBe('high');
    expect(recoveryTimeTier(1440).tier).toBe('low');
  });
});
