// `npm run gen:api`: writes the server's OpenAPI document to web/src/lib/api/openapi.json and
// its TypeScript types to web/src/lib/api/schema.d.ts, which the web app's client uses.
import { writeFile } from 'node:fs/promises';
import { API_TYPES_FILE, generatedApiTypes, openApiDocument } from '../server/openapi-document.ts';

const document = await openApiDocument();
await writeFile(new URL('openapi.json', API_TYPES_FILE), `${JSON.stringify(document, null, 2)}\n`);
await writeFile(API_TYPES_FILE, await generatedApiTypes(document));
console.log(`wrote ${new URL('openapi.json', API_TYPES_FILE).pathname} and ${API_TYPES_FILE.pathname}`);
