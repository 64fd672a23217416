import { type BatchSummary, type Kind, type Severity, type Validated, emptyCounts, emptyLedger } from '../../ingest/model.ts';
import { listInputFiles, readPaths } from '../../ingest/sources/file.ts';
import { scanGitRepository } from '../../ingest/sources/git.ts';
import { validateRecord } from '../../ingest/validate.ts';
import { readSeverityMap } from '../db/settings.repository.ts';
import { storeRecords } from '../load-records.ts';
import { progressLine } from '../progress-line.ts';
import { peakMemoryMb, printSummary, refreshAfter, say, withDatabase } from './command-context.ts';

/** What both ingest commands accept (server/cli-program.ts parses and checks them). */
interface CommonOptions {
  source?: string;
  dryRun?: boolean;
  strict?: boolean;
  /** commander's --no-wait sets it false. */
  wait?: boolean;
}

export interface IngestOptions extends CommonOptions {
  kind?: Kind;
}

export interface IngestGitOptions extends CommonOptions {
  service: string;
  since?: string;
  untaggedMeansHuman?: boolean;
}

/** `sevscope ingest PATH…`. */
export async function ingest(paths: string[], options: IngestOptions): Promise<void> {
  const kind = options.kind;
  const defaultSource = options.source ?? 'file';
  // A missing file or unknown format fails here, before a batch is opened.
  await listInputFiles(paths, kind ? { kind } : {});
  await run({ label: 'ingesting', source: defaultSource, origin: paths.join(' '), dryRun: options.dryRun, strict: options.strict, wait: options.wait }, (severityMap) =>
    readPaths(paths, {
      ...(kind ? { kind } : {}),
      defaultSource,
      validate: (raw, position) => validateRecord(raw, position, { severityMap }),
    }),
  );
}

/** `sevscope ingest git PATH --service S`. */
export async function ingestGit(repo: string, options: IngestGitOptions): Promise<void> {
  const scan = {
    service: options.service,
    ...(options.since ? { since: options.since } : {}),
    ...(options.source ? { source: options.source } : {}),
    untaggedMeansHuman: options.untaggedMeansHuman ?? false,
  };
  await run({ label: 'scanning git history', source: options.source ?? 'git', origin: repo, dryRun: options.dryRun, strict: options.strict, wait: options.wait }, () =>
    scanGitRepository(repo, scan),
  );
}

interface RunOptions {
  label: string;
  source: string;
  origin: string;
  dryRun: boolean | undefined;
  strict: boolean | undefined;
  /** --no-wait: queue the refresh and leave it to the running server's worker. */
  wait: boolean | undefined;
}

async function run(options: RunOptions, read: (severityMap: Record<string, Severity>) => AsyncIterable<Validated[]>): Promise<void> {
  await withDatabase(async ({ db }) => {
    const severityMap = await readSeverityMap(db);
    const progress = progressLine(options.label);
    const started = Date.now();
    const summary = options.dryRun
      ? await validateOnly(read(severityMap), progress.update)
      : await storeRecords(db, { source: options.source, origin: options.origin, onProgress: progress.update }, read(severityMap));
    progress.done();
    const secondsTaken = (Date.now() - started) / 1000;
    say(`${options.dryRun ? 'validated (dry run, nothing stored)' : `batch ${summary.batchId}`}: ${summary.total.received} records in ${secondsTaken.toFixed(1)} s, ${Math.round(summary.total.received / Math.max(secondsTaken, 0.001))} records/s, peak memory ${peakMemoryMb()} MB`);
    printSummary(summary);
    if (!options.dryRun) await refreshAfter(db, `batch ${summary.batchId}`, options.wait !== false);
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
