// How AI assistance spreads through the year and how well it is tagged: the share of
// deployments that are AI-assisted rises from ~30 % to ~80 % of those whose status is known,
// and the share that is known at all (tagging coverage) from ~50 % to ~95 %.
import type { AiEvidence, AiMode, AiTag } from '../model.ts';
import { BOT_AUTHORS } from './catalog.ts';
import { yearFraction } from './calendar.ts';
import type { Random } from './random.ts';

export type Cohort = 'ai' | 'human' | 'unknown';

export const UNKNOWN_TAG: AiTag = { assisted: null, tool: null, mode: null, evidence: null };

export function aiShareAt(ms: number): number {
  return 0.28 + 0.57 * yearFraction(ms);
}

export function coverageAt(ms: number): number {
  return 0.48 + 0.5 * yearFraction(ms);
}

export function pickCohort(random: Random, ms: number): Cohort {
  if (!random.chance(coverageAt(ms))) return 'unknown';
  return random.chance(aiShareAt(ms)) ? 'ai' : 'human';
}

// Tool mix at the start and at the end of the year; interpolated in between.
const TOOLS_START: Record<string, number> = { copilot: 45, 'claude-code': 20, cursor: 20, 'amazon-q': 10, codex: 5, devin: 0, kiro: 0 };
const TOOLS_END: Record<string, number> = { copilot: 25, 'claude-code': 38, cursor: 14, 'amazon-q': 8, codex: 8, devin: 3, kiro: 4 };
const TOOL_NAMES = Object.keys(TOOLS_START);

/** Tools whose commits carry a recognisable co-author trailer or footer. */
const TRAILER_TOOLS = new Set(['claude-code', 'copilot', 'cursor', 'codex']);

export interface AiChangeTag {
  tag: AiTag;
  /** Set when a coding agent's bot account is the change's author. */
  botAuthor: string | null;
}

export function aiChangeTag(random: Random, ms: number): AiChangeTag {
  const t = yearFraction(ms);
  const tool = random.weighted(TOOL_NAMES.map((name) => [name, (1 - t) * (TOOLS_START[name] ?? 0) + t * (TOOLS_END[name] ?? 0)] as const));
  const bot = BOT_AUTHORS[tool];
  const evidence: AiEvidence = random.weighted<AiEvidence>([
    ['trailer', TRAILER_TOOLS.has(tool) ? 60 : 0],
    ['bot_author', bot ? 40 : 0],
    ['label', 20],
    ['declared', 10],
  ]);
  if (evidence === 'bot_author') return { tag: { assisted: true, tool, mode: 'agent', evidence }, botAuthor: bot ?? null };
  // A bare `ai-assisted` label does not say which tool.
  const namedTool = evidence === 'label' && random.chance(0.5) ? null : tool;
  const mode = random.weighted<AiMode | null>(
    evidence === 'trailer'
      ? [['authored', 60], ['agent', 30], ['suggestion', 10]]
      : [['suggestion', 40], ['authored', 40], [null, 20]],
  );
  return { tag: { assisted: true, tool: namedTool, mode, evidence }, botAuthor: null };
}

/** A change known to be written without AI: a PR label `ai:no` or a ticket/template declaration. */
export function humanChangeTag(random: Random): AiTag {
  const evidence = random.weighted<AiEvidence>([['label', 50], ['declared', 35], ['ticket', 15]]);
  return { assisted: false, tool: null, mode: null, evidence };
}

/** The tag a deployment carries when its pipeline declares the AI status itself. */
export function declaredDeploymentTag(random: Random, cohort: Cohort, ms: number): AiTag {
  if (cohort === 'unknown') return UNKNOWN_TAG;
  if (cohort === 'human') return { assisted: false, tool: null, mode: null, evidence: 'declared' };
  const { tag } = aiChangeTag(random, ms);
  return { assisted: true, tool: tag.tool, mode: tag.mode, evidence: 'declared' };
}
