import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, generatedApiTypes } from '../../server/openapi-document.ts';

describe('generated API types (web/src/lib/api/schema.d.ts)', () => {
  it('match the server\'s OpenAPI document; run `npm run gen:api` when this fails', async () => {
    const committed = await readFile(API_TYPES_FILE, 'utf8');
    // Compared as text: any route or schema change the web types do not reflect fails here.
    expect(committed === (await generatedApiTypes()), 'web/src/lib/api/schema.d.ts is stale: run `npm run gen:api`').toBe(true);
  });
});
