// NDJSON (`.ndjson`, `.jsonl`): one JSON record per line; the position is the physical line.

import type { Entry } from './file.ts';
import { isBlank, jsonEntry, overlongEntry, splitLines } from './lines.ts';

export async function* readNdjson(input: AsyncIterable<Buffer>): AsyncGenerator<Entry[]> {
  for await (const lines of splitLines(input)) {
    const entries: Entry[] = [];
    for (const line of lines) {
      if (line.overlongBytes !== null) entries.push(overlongEntry(line.number, 'line', line.text, line.overlongBytes));
      else if (!isBlank(line.text)) entries.push(jsonEntry(line.number, line.text));
    }
    if (entries.length > 0) yield entries;
  }
}
