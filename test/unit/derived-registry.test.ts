import { describe, expect, it } from 'vitest';
import { DERIVED_TABLES } from '../../server/analytics/derived/registry.ts';

describe('the derived tables registry', () => {
  it('refreshes each table after every derived table it reads', () => {
    const names = DERIVED_TABLES.map((table) => table.name);
    expect(new Set(names).size).toBe(names.length);
    for (const [position, table] of DERIVED_TABLES.entries()) {
      const derivedReads = table.reads.filter((read) => names.includes(read));
      for (const read of derivedReads) expect({ table: table.name, reads: read, before: names.indexOf(read) < position }).toEqual({ table: table.name, reads: read, before: true });
    }
  });
});
