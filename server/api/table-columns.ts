// The columns of a table endpoint, read from the TypeBox (JSON Schema) of its row object, so the
// JSON response, the Arrow stream and the CSV export share one definition.

/** How a value is typed in Arrow and written in CSV. */
export type ColumnKind =
  | 'utf8'
  /** A string from a fixed set (enum or literal union), or marked `x-arrow: dictionary`: Arrow dictionary-encodes it. */
  | 'category'
  | 'float64'
  | 'int32'
  /** `Type.Integer({ format: 'int64' })`, as OpenAPI spells it. */
  | 'int64'
  | 'bool'
  /** `format: 'date-time'`: an RFC 3339 string in JSON, Timestamp(ms, UTC) in Arrow. */
  | 'timestamp'
  /** `format: 'date'`: YYYY-MM-DD in JSON, Date32 in Arrow. */
  | 'date';

export interface TableColumn {
  name: string;
  kind: ColumnKind;
  /** An array of `kind` values: List in Arrow, joined with `;` in CSV. */
  list: boolean;
  nullable: boolean;
}

type JsonSchema = {
  'x-arrow'?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
};

export class TableSchemaError extends Error {}

/**
 * The columns of the array property `rowsProperty` of a response body schema. Throws when the
 * property is missing or a row field is not a scalar or an array of scalars, so a route that
 * cannot be a table fails when it is registered, not when a client asks for CSV.
 */
export function tableColumns(bodySchema: unknown, rowsProperty: string, route: string): TableColumn[] {
  const rows = (bodySchema as JsonSchema | undefined)?.properties?.[rowsProperty];
  const row = rows?.type === 'array' ? rows.items : undefined;
  if (!row?.properties) {
    throw new TableSchemaError(`${route}: config.table names "${rowsProperty}", which the 200 response schema does not declare as an array of objects`);
  }
  const required = new Set(row.required ?? []);
  return Object.entries(row.properties).map(([name, schema]) => {
    const column = describe(schema, `${route} ${rowsProperty}.${name}`);
    return { name, ...column, nullable: column.nullable || !required.has(name) };
  });
}

function describe(schema: JsonSchema, where: string): Omit<TableColumn, 'name'> {
  const { schema: value, nullable } = withoutNull(schema);
  if (value.type === 'array') {
    const item = value.items ? withoutNull(value.items).schema : undefined;
    if (!item || item.type === 'array') throw new TableSchemaError(`${where}: only arrays of scalars can be table columns`);
    return { kind: scalarKind(item, where), list: true, nullable };
  }
  return { kind: scalarKind(value, where), list: false, nullable };
}

/** Splits `T | null` (anyOf or a type list) into T and whether null is allowed. */
function withoutNull(schema: JsonSchema): { schema: JsonSchema; nullable: boolean } {
  if (Array.isArray(schema.type)) {
    const types = schema.type.filter((type) => type !== 'null');
    return { schema: { ...schema, type: types.length === 1 ? types[0] : types }, nullable: types.length < schema.type.length };
  }
  if (!schema.anyOf) return { schema, nullable: false };
  const members = schema.anyOf.filter((member) => member.type !== 'null');
  const nullable = members.length < schema.anyOf.length;
  if (members.length === 1) return { schema: members[0]!, nullable };
  if (members.every((member) => typeof member.const === 'string')) return { schema: { type: 'string', enum: members.map((member) => member.const) }, nullable };
  return { schema: { anyOf: members }, nullable };
}

function scalarKind(schema: JsonSchema, where: string): ColumnKind {
  if (schema.enum?.every((value) => typeof value === 'string') || typeof schema.const === 'string' || schema['x-arrow'] === 'dictionary') return 'category';
  switch (schema.type) {
    case 'string':
      return schema.format === 'date-time' ? 'timestamp' : schema.format === 'date' ? 'date' : 'utf8';
    case 'integer':
      return schema.format === 'int64' ? 'int64' : 'int32';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    default:
      throw new TableSchemaError(`${where}: ${JSON.stringify(schema.type ?? schema.anyOf ?? schema)} cannot be a table column (use a scalar or an array of scalars)`);
  }
}
