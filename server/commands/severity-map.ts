import type { Severity } from '../../ingest/model.ts';
import { mapSeverity, readSeverityMap } from '../db/settings.repository.ts';
import { say, withDatabase } from './command-context.ts';

/** `sevscope severity-map list`. */
export async function severityMapList(): Promise<void> {
  await withDatabase(async ({ db }) => {
    const map = await readSeverityMap(db);
    for (const [from, to] of Object.entries(map)) say(`${from} → ${to}`);
    if (Object.keys(map).length === 0) say('no custom severity names (built in: sev1–sev4, SEV-1, P1–P5, critical/high/medium/low)');
  });
}

/** `sevscope severity-map set NAME SEVERITY` (the CLI checks SEVERITY against SEVERITIES). */
export async function severityMapSet(name: string, severity: Severity): Promise<void> {
  await withDatabase(async ({ db }) => {
    await mapSeverity(db, name, severity);
    say(`${name.trim().toLowerCase()} → ${severity}; run "sevscope quarantine retry" to re-check quarantined records`);
  });
}
