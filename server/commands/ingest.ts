import { parseArgs } from 'node:util';
import { type BatchSummary, KINDS, type Kind, type Severity, type Validated, emptyCounts, emptyLedger } from '../../ingest/model.ts';
import { listInputFiles, readPaths } from '../../ingest/sources/file.ts';
import { scanGitRepository } from '../../ingest/sources/git.ts';
import { validateRecord } from '../../ingest/validate.ts';
import { readSeverityMap } from '../db/settings.repository.ts';
import { loadRecords } from '../load-records.ts';
import { progressLine } from '../progress-line.ts';
import { UsageError, peakMemoryMb, printSummary, say, withDatabase } from './command-context.ts';

const COMMON = {
  source: { type: 'string' },
  'dry-run': { type: 'boolean' },
  strict: { type: 'boolean' },
} as const;

/** `sevscope ingest PATH…` and `sevscope ingest git PATH --service S`. */
export async function ingest(args: string[]): Promise<void> {
  if (args[0] === 'git') return ingestGit(args.slice(1));
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { ...COMMON, kind: { type: 'string' } } });
  if (positionals.length === 0) throw new UsageError('ingest: give at least one file or directory');
  if (values.kind && !(KINDS as readonly string[]).includes(values.kind)) throw new UsageError(`--kind: expected one of ${KINDS.join(', ')}, got ${JSON.stringify(values.kind)}`);
  const kind = values.kind as Kind | undefined;
  const defaultSource = values.source ?? 'file';
  // A missing file or unknown format fails here, before a batch is opened.
  await listInputFiles(positionals, kind ? { kind } : {});
  await run({ label: 'ingesting', source: defaultSource, origin: positionals.join(' '), dryRun: values['dry-run'], strict: values.strict }, (severityMap) =>
    readPaths(positionals, {
      ...(kind ? { kind } : {}),
      defaultSource,
      validate: (raw, position) => validateRecord(raw, position, { severityMap }),
    }),
  );
}

async function ingestGit(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...COMMON, service: { type: 'string' }, since: { type: 'string' }, 'untagged-means-human': { type: 'boolean' } },
  });
  const [repo] = positionals;
  if (!repo || positionals.length > 1) throw new UsageError('usage: sevscope ingest git PATH --service NAME [--since DATE]');
  if (!values.service) throw new UsageError('--service: required (the service this repository deploys)');
  const options = {
    service: values.service,
    ...(values.since ? { since: values.since } : {}),
    ...(values.source ? { source: values.source } : {}),
    untaggedMeansHuman: values['untagged-means-human'] ?? false,
  };
  await run({ label: 'scanning git history', source: values.source ?? 'git', origin: repo, dryRun: values['dry-run'], strict: values.strict }, () =>
    scanGitRepository(repo, options),
  );
}

interface RunOptions {
  label: string;
  source: string;
  origin: string;
  dryRun: boolean | undefined;
  strict: boolean | undefined;
}

async function run(options: RunOptions, read: (severityMap: Record<string, Severity>) => AsyncIterable<Validated[]>): Promise<void> {
  await withDatabase(async ({ db }) => {
    const severityMap = await readSeverityMap(db);
    const progress = progressLine(options.label);
    const started = Date.now();
    const summary = options.dryRun
      ? await validateOnly(read(severityMap), progress.update)
      : await loadRecords(db, { source: options.source, origin: options.origin, onProgress: progress.update }, read(severityMap));
    progress.done();
    const secondsTaken = (Date.now() - started) / 1000;
    say(`${options.dryRun ? 'validated (dry run, nothing stored)' : `batch ${summary.batchId}`}: ${summary.total.received} records in ${secondsTaken.toFixed(1)} s, ${Math.round(summary.total.received / Math.max(secondsTaken, 0.001))} records/s, peak memory ${peakMemoryMb()} MB`);
    printSummary(summary);
    if (options.strict && summary.total.quarantined > 0) {
      process.stderr.write(`sevscope: --strict: ${summary.total.quarantined} record(s) quarantined\n`);
      process.exitCode = 1;
    }
  });
}

/** --dry-run: the same reading and validation, counted, with nothing written. */
async function validateOnly(slices: AsyncIterable<Validated[]>, onProgress: (summary: BatchSummary) => void): Promise<BatchSummary> {
  const summary: BatchSummary = { batchId: null, ...emptyLedger(), appliedPending: emptyLedger(), rejections: [] };
  for await (const slice of slices) {
    for (const item of slice) {
      const kind = item.ok ? item.record.kind : (item.rejection.kind ?? 'unknown');
      const counts = (summary.byKind[kind] ??= emptyCounts());
      counts.received++;
      summary.total.received++;
      if (!item.ok) {
        counts.quarantined++;
        summary.total.quarantined++;
        if (summary.rejections.length < 100) summary.rejections.push(item.rejection);
      }
    }
    onProgress(summary);
  }
  return summary;
}
