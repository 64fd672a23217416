import type { Db } from '../db/connection.ts';
import { loadDemo } from '../demo-data.ts';
import { progressLine } from '../progress-line.ts';
import { printSummary, say } from './command-context.ts';

export async function seedDemo(db: Db, seed?: number): Promise<void> {
  const progress = progressLine('loading demo data');
  const started = Date.now();
  const summary = await loadDemo(db, { ...(seed === undefined ? {} : { seed }), onProgress: progress.update });
  progress.done();
  say(`demo data loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  printSummary(summary);
}
