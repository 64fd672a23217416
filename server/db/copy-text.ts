// Encodes values for PostgreSQL's COPY … FROM STDIN text format: tab-separated columns,
// \N for NULL, backslash escapes for backslash, tab, newline and carriage return.

export type CopyType = 'text' | 'timestamptz' | 'boolean' | 'integer' | 'bigint' | 'float' | 'text[]' | 'jsonb';

const ESCAPES = /[\\\t\n\r]/g;
const ESCAPED: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function escapeText(value: string): string {
  return value.replace(ESCAPES, (char) => ESCAPED[char]!);
}

/** An array literal `{"a","b"}`; every element quoted so commas, braces and NULL-like words are safe. */
function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}

export function copyValue(value: unknown, type: CopyType): string {
  if (value === null || value === undefined) return '\\N';
  switch (type) {
    case 'boolean':
      return value ? 't' : 'f';
    case 'text[]':
      return escapeText(arrayLiteral(value as string[]));
    case 'jsonb':
      return escapeText(JSON.stringify(value));
    case 'integer':
    case 'bigint':
    case 'float':
      return String(value);
    default:
      return escapeText(String(value));
  }
}

/** One COPY line for a row, given its values and column types in the same order. */
export function copyLine(values: readonly unknown[], types: readonly CopyType[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += '\t';
    line += copyValue(values[i], types[i]!);
  }
  return `${line}\n`;
}
