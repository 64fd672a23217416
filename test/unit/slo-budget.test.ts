import { describe, expect, it } from 'vitest';
import { budgetOverspent, budgetUsed, formatBudgetUsed } from '../../web/src/lib/slo-budget.ts';

describe('the error budget in words', () => {
  it('says how much was used, over 100 % and overspent once more bad incidents than allowed', () => {
    // 2 bad incidents of 13 judged at 95 %: 0.65 allowed, remaining 1 − 2 / 0.65 ≈ −2.077.
    const remaining = 1 - 2 / (0.05 * 13);
    expect(budgetUsed(remaining)).toBeCloseTo(2 / 0.65, 12);
    expect(budgetOverspent(remaining)).toBe(true);
    expect(formatBudgetUsed(remaining)).toBe('307.7% used · overspent');
  });

  it('is not overspent when exactly spent, and says nothing was judged with a dash', () => {
    expect(formatBudgetUsed(0)).toBe('100.0% used');
    expect(formatBudgetUsed(0.75)).toBe('25.0% used');
    expect(budgetOverspent(0)).toBe(false);
    expect(formatBudgetUsed(null)).toBe('—');
    expect(budgetUsed(null)).toBeNull();
  });
});
