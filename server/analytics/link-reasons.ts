// Why an incident is linked to a deployment, in one sentence an SRE can check (docs/metrics.md
// "Linking incidents to deployments": manual, explicit, heuristic, in that order). Pure.
import type { IncidentLinkRow } from '../db/incidents.repository.ts';

/** "42 min", "3 h 10 min", "2 d 4 h": how long before (or after) the impact start. */
export function formatLead(minutes: number): string {
  const total = Math.round(Math.abs(minutes));
  if (total < 60) return `${total} min`;
  if (total < 24 * 60) return `${Math.floor(total / 60)} h${total % 60 ? ` ${total % 60} min` : ''}`;
  const hours = Math.floor(total / 60);
  return `${Math.floor(hours / 24)} d${hours % 24 ? ` ${hours % 24} h` : ''}`;
}

function when(minutes: number): string {
  return minutes >= 0 ? `${formatLead(minutes)} before impact` : `${formatLead(minutes)} after impact began`;
}

/** The heuristic's confidence steps: 0.9 within 1 h, 0.7 within 6 h, else 0.5. */
function heuristicStep(confidence: number): string {
  return confidence >= 0.9 ? 'within 1 h' : confidence >= 0.7 ? 'within 6 h' : 'over 6 h before';
}

/** One sentence: what made the link, with the deployment's distance to the impact start. */
export function linkReason(link: Pick<IncidentLinkRow, 'rule' | 'confidence' | 'service' | 'minutes_before_impact' | 'decision' | 'decided_by' | 'decision_notes'>): string {
  const notes = link.decision_notes ? ` (“${link.decision_notes}”)` : '';
  const by = link.decided_by ?? 'an SRE';
  const distance = when(link.minutes_before_impact);
  if (link.decision === 'rejected') return `Rejected by ${by}${notes}: ignored by every metric. Deployed to ${link.service} ${distance}.`;
  if (link.decision === 'confirmed') return `Confirmed by ${by}${notes}. Deployed to ${link.service} ${distance}.`;
  if (link.rule === 'explicit') return `The incident names this deployment as its cause. Deployed to ${link.service} ${distance}.`;
  if (link.rule === 'heuristic') return `Latest production deployment of ${link.service}, ${distance} (${heuristicStep(link.confidence)}: confidence ${link.confidence.toFixed(1)}).`;
  return `Linked by hand. Deployed to ${link.service} ${distance}.`;
}
