import { SEVERITIES, type Severity } from '../../ingest/model.ts';
import { mapSeverity, readSeverityMap } from '../db/settings.repository.ts';
import { UsageError, say, withDatabase } from './command-context.ts';

/** `sevscope severity-map set NAME SEVERITY | list`. */
export async function severityMap(args: string[]): Promise<void> {
  const [action, name, severity] = args;
  if (action === 'list') {
    return withDatabase(async ({ db }) => {
      const map = await readSeverityMap(db);
      for (const [from, to] of Object.entries(map)) say(`${from} → ${to}`);
      if (Object.keys(map).length === 0) say('no custom severity names (built in: sev1–sev4, SEV-1, P1–P5, critical/high/medium/low)');
    });
  }
  if (action !== 'set' || !name || !severity) throw new UsageError('usage: sevscope severity-map set NAME SEVERITY | list');
  if (!(SEVERITIES as readonly string[]).includes(severity)) throw new UsageError(`SEVERITY: expected one of ${SEVERITIES.join(', ')}, got ${JSON.stringify(severity)}`);
  await withDatabase(async ({ db }) => {
    await mapSeverity(db, name, severity as Severity);
    say(`${name.trim().toLowerCase()} → ${severity}; run "sevscope quarantine retry" to re-check quarantined records`);
  });
}
