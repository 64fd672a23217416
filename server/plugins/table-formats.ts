// Content negotiation for table endpoints (docs/api.md "Common"): a route opts in with
// `config: { table: '<rows property>' }`, naming the array of row objects in its 200 JSON body.
// Then `Accept: application/vnd.apache.arrow.stream` answers with those rows as an Arrow IPC
// stream and `Accept: text/csv` as a CSV file; JSON stays the default, serialized through the
// response schema. Columns and types come from that schema's row object (api/table-columns.ts).
// Anything else a client insists on is 406.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { rowsToArrowStream } from '../api/arrow-stream.ts';
import { rowsToCsv } from '../api/csv-text.ts';
import { ErrorBody } from '../api/error-schema.ts';
import { type TableColumn, tableColumns } from '../api/table-columns.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The property of the 200 body that holds the rows; makes the route a table endpoint. */
    table?: string;
  }
}

export const ARROW_STREAM = 'application/vnd.apache.arrow.stream';
export const CSV = 'text/csv';
const JSON_TYPE = 'application/json';

export type TableFormat = 'json' | 'arrow' | 'csv';

/** Offered media types, in the order a tie (a wildcard range) is broken. */
const OFFERED: { format: TableFormat; type: string }[] = [
  { format: 'json', type: JSON_TYPE },
  { format: 'arrow', type: ARROW_STREAM },
  { format: 'csv', type: CSV },
];

/**
 * The format an Accept header prefers among JSON, Arrow and CSV (RFC 9110 §12.5.1: quality
 * values and wildcard ranges, the most specific range deciding a type's quality); JSON when
 * there is no header; null when none of them is acceptable.
 */
export function negotiateTableFormat(accept: string | undefined): TableFormat | null {
  if (!accept?.trim()) return 'json';
  const ranges = accept.split(',').flatMap((part) => {
    const [range, ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
    if (!range?.includes('/')) return [];
    const q = parameters.find((parameter) => parameter.startsWith('q='));
    const quality = q === undefined ? 1 : Number(q.slice(2));
    return Number.isNaN(quality) ? [] : [{ range, quality }];
  });
  let best: { format: TableFormat; quality: number } | null = null;
  for (const { format, type } of OFFERED) {
    const [major] = type.split('/');
    const match = ranges.find((r) => r.range === type) ?? ranges.find((r) => r.range === `${major}/*`) ?? ranges.find((r) => r.range === '*/*');
    if (match && match.quality > 0 && (best === null || match.quality > best.quality)) best = { format, quality: match.quality };
  }
  return best?.format ?? null;
}

export function registerTableFormats(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const rowsProperty = route.config?.table;
    if (!rowsProperty) return;
    const name = `${String(route.method)} ${route.url}`;
    const response = (route.schema?.response ?? {}) as Record<string, unknown>;
    const columns = tableColumns(response[200], rowsProperty, name);
    const filename = route.url.split('/').filter((segment) => segment && !segment.startsWith(':')).at(-1) ?? 'table';
    route.schema = {
      ...route.schema,
      response: { ...response, 200: documentedFormats(response[200], rowsProperty, columns), 406: ErrorBody },
    };
    route.onRequest = [...hookList(route.onRequest), refuseUnacceptable];
    route.preSerialization = [...hookList(route.preSerialization), encodeRows(rowsProperty, columns, filename)];
  });
}

async function refuseUnacceptable(request: FastifyRequest, reply: FastifyReply) {
  reply.header('vary', 'Accept');
  if (negotiateTableFormat(request.headers.accept) !== null) return;
  return reply.status(406).send({
    error: {
      code: 'not_acceptable',
      message: `Accept: ${request.headers.accept} is not offered here; ask for ${OFFERED.map((o) => o.type).join(', ')}`,
    },
  });
}

function encodeRows(rowsProperty: string, columns: TableColumn[], filename: string) {
  return async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const format = negotiateTableFormat(request.headers.accept);
    if (format === 'json' || format === null || reply.statusCode !== 200) return payload;
    const { [rowsProperty]: rows, ...rest } = payload as Record<string, unknown>;
    const list = (rows ?? []) as Record<string, unknown>[];
    // The hook returns the encoded body; the serializer must pass it through untouched.
    reply.serializer((encoded: string) => encoded);
    if (format === 'arrow') {
      const metadata = new Map(Object.entries(rest).map(([key, value]) => [key, JSON.stringify(value)]));
      reply.header('content-type', ARROW_STREAM).header('content-disposition', `attachment; filename="${filename}.arrows"`);
      const bytes = rowsToArrowStream(columns, list, metadata);
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    reply.header('content-type', `${CSV}; charset=utf-8; header=present`).header('content-disposition', `attachment; filename="${filename}.csv"`);
    return rowsToCsv(columns, list);
  };
}

/** The 200 response per media type, so /docs shows all three and names the table's columns. */
function documentedFormats(jsonSchema: unknown, rowsProperty: string, columns: TableColumn[]) {
  const listed = columns.map((c) => `${c.name} (${c.list ? `list of ${c.kind}` : c.kind}${c.nullable ? ', nullable' : ''})`).join(', ');
  return {
    content: {
      [JSON_TYPE]: { schema: jsonSchema },
      [ARROW_STREAM]: {
        schema: {
          type: 'string',
          format: 'binary',
          description: `Arrow IPC stream of ${rowsProperty}: ${listed}. The body's other fields are JSON values in the schema metadata.`,
        },
      },
      [CSV]: { schema: { type: 'string', description: `CSV of ${rowsProperty} with a header row: ${listed}. Lists are joined with ";"; null is an empty field.` } },
    },
  };
}

function hookList<T>(hooks: T | T[] | undefined): T[] {
  return hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks];
}
