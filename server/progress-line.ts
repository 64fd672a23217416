// A one-line progress display for long CLI work: redrawn in place on a TTY, silent otherwise
// (CI logs get the final summary only).
import type { BatchSummary } from '../ingest/model.ts';

export function progressLine(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const started = Date.now();
  let last = 0;
  return {
    /** Any status, e.g. a job's phase. */
    show(status: string): void {
      if (!stream.isTTY || Date.now() - last < 200) return;
      last = Date.now();
      stream.write(`\r\x1b[K${label}: ${status}`);
    },
    update(summary: BatchSummary): void {
      if (!stream.isTTY || Date.now() - last < 200) return;
      last = Date.now();
      const { received, quarantined } = summary.total;
      const rate = received / Math.max((Date.now() - started) / 1000, 0.001);
      stream.write(`\r${label}: ${received.toLocaleString('en')} records, ${Math.round(rate).toLocaleString('en')}/s, ${quarantined} quarantined   `);
    },
    done(): void {
      if (stream.isTTY) stream.write('\r\x1b[K');
    },
  };
}
