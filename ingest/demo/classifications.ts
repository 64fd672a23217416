// SRE classifications of Sev1/Sev2 incidents: the AI role and contributing factors, from a
// small fixed vocabulary, 1–5 days after resolution. About one in ten is left in the backlog,
// and a few are revised (the history is append-only).
import { type AiRole, type ClassificationFactors, type ClassificationRecord, FACTOR_VOCABULARY } from '../model.ts';
import { person, SRES } from './catalog.ts';
import { DAY, HOUR, iso, PERIOD_END } from './calendar.ts';
import type { IncidentStory } from './incidents.ts';
import type { Random } from './random.ts';

interface Verdict {
  role: AiRole;
  factors: ClassificationFactors;
  notes: string | null;
}

export function classifyIncidents(random: Random, stories: IncidentStory[]): ClassificationRecord[] {
  const records: ClassificationRecord[] = [];
  for (const story of stories) {
    const incident = story.record;
    if (incident.severity !== 'sev1' && incident.severity !== 'sev2') continue;
    if (!incident.resolved_at) continue;
    if (!story.classification && random.chance(0.1)) continue;
    const classifiedMs = Date.parse(incident.resolved_at) + random.int(24, 120) * HOUR;
    if (classifiedMs > PERIOD_END) continue;
    const verdict = story.classification ?? inferVerdict(random, story);
    // Some AI-linked incidents were first filed as "unknown" and revised after the postmortem.
    if (verdict.role !== 'unknown' && story.culprit?.cohort === 'ai' && random.chance(0.1)) {
      records.push(classification(incident.id, random.pick(SRES).id, classifiedMs - DAY, { role: 'unknown', factors: { human: [], ai: [], process: [] }, notes: 'Awaiting postmortem.' }));
    }
    records.push(classification(incident.id, random.pick(SRES).id, classifiedMs, verdict));
  }
  return records;
}

function classification(incident: string, by: string, atMs: number, verdict: Verdict): ClassificationRecord {
  const classifiedAt = iso(atMs);
  return {
    kind: 'classification',
    source: 'demo',
    id: `${incident}@${classifiedAt}`,
    attributes: {},
    incident,
    ai_role: verdict.role,
    classified_by: by,
    classified_at: classifiedAt,
    factors: verdict.factors,
    notes: verdict.notes,
  };
}

/** The role follows the culprit's cohort; process factors are the controls its changes broke. */
function inferVerdict(random: Random, story: IncidentStory): Verdict {
  const culprit = story.culprit;
  if (!culprit) return { role: 'none', factors: { human: [], ai: [], process: [] }, notes: 'External cause; no change involved.' };
  const process = new Set<string>();
  for (const change of culprit.changes) {
    if (!change.approvers.some((id) => id !== change.author)) process.add('missing_two_person_review');
    if (change.change_ticket === null) process.add('no_change_ticket');
    if (change.checks_passed !== true) process.add('no_predeploy_validation');
    const seniority = person(change.author)?.seniority;
    const senior = change.approvers.some((id) => ['senior', 'principal'].includes(person(id)?.seniority ?? ''));
    if (change.ai.assisted === true && (seniority === 'junior' || seniority === 'mid') && !senior) process.add('missing_senior_signoff');
  }
  const factors: ClassificationFactors = { human: [], ai: [], process: [...process] };
  if (culprit.cohort === 'ai') {
    factors.ai = random.sample(FACTOR_VOCABULARY.ai.slice(0, 4), random.int(1, 2));
    if (random.chance(0.5)) factors.human = ['insufficient_review'];
    return { role: random.chance(0.55) ? 'primary' : 'contributory', factors, notes: null };
  }
  factors.human = [random.pick(FACTOR_VOCABULARY.human)];
  if (culprit.cohort === 'human') return { role: 'none', factors, notes: null };
  return { role: random.weighted<AiRole>([['unknown', 40], ['none', 40], ['incidental', 20]]), factors, notes: null };
}
