// What each classification changed against the one before it, in words, for the history. Pure.
import type { Classification } from '../../api/types.ts';

export const AI_ROLE_LABELS: Record<string, string> = {
  primary: 'Primary',
  contributory: 'Contributory',
  incidental: 'Incidental',
  none: 'None',
  unknown: 'Unknown',
};

/** One plain sentence per role: what the SRE asserts by choosing it. */
export const AI_ROLE_MEANINGS: Record<string, string> = {
  primary: 'The AI-assisted change caused the incident.',
  contributory: 'The AI-assisted change contributed, with other causes.',
  incidental: 'AI was involved but did not contribute to the incident.',
  none: 'AI played no part.',
  unknown: 'Cannot tell yet.',
};

export const FACTOR_GROUPS = ['human', 'ai', 'process'] as const;
export const FACTOR_GROUP_LABELS: Record<(typeof FACTOR_GROUPS)[number], string> = { human: 'Human factors', ai: 'AI factors', process: 'Process factors' };

/** "missing_two_person_review" → "missing two person review". */
export const factorLabel = (factor: string) => factor.replaceAll('_', ' ');

const roleLabel = (role: string) => AI_ROLE_LABELS[role] ?? role;

/** The changes from `before` (null: the first classification) to `after`. */
export function classificationChanges(after: Classification, before: Classification | null): string[] {
  if (before === null) return [`Classified ${roleLabel(after.ai_role).toLowerCase()}`];
  const changes: string[] = [];
  if (after.ai_role !== before.ai_role) changes.push(`Role ${roleLabel(before.ai_role).toLowerCase()} → ${roleLabel(after.ai_role).toLowerCase()}`);
  for (const group of FACTOR_GROUPS) {
    const added = after.factors[group].filter((factor) => !before.factors[group].includes(factor));
    const removed = before.factors[group].filter((factor) => !after.factors[group].includes(factor));
    if (added.length > 0) changes.push(`Added ${added.map(factorLabel).join(', ')}`);
    if (removed.length > 0) changes.push(`Removed ${removed.map(factorLabel).join(', ')}`);
  }
  if ((after.notes ?? '') !== (before.notes ?? '')) changes.push('Notes changed');
  return changes.length > 0 ? changes : ['No change (re-confirmed)'];
}
