import { describe, expect, it } from 'vitest';
import { copyLine, copyValue } from '../../server/db/copy-text.ts';

describe('COPY text encoding', () => {
  it('escapes the characters that delimit columns and rows', () => {
    expect(copyValue('a\tb\nc\\d\re', 'text')).toBe('a\\tb\\nc\\\\d\\re');
    expect(copyValue(null, 'text')).toBe('\\N');
    expect(copyValue('\\N', 'text')).toBe('\\\\N');
  });

  it('writes arrays with every element quoted, then COPY-escaped', () => {
    // Array literal {"a,b","say \"hi\"","NULL"}; its backslashes doubled for COPY.
    expect(copyValue(['a,b', 'say "hi"', 'NULL'], 'text[]')).toBe('{"a,b","say \\\\"hi\\\\"","NULL"}');
    expect(copyValue([], 'text[]')).toBe('{}');
  });

  it('writes booleans, numbers and JSON', () => {
    expect(copyLine([true, false, 42, 0.25, { a: 'x\ty' }], ['boolean', 'boolean', 'integer', 'float', 'jsonb'])).toBe(
      't\tf\t42\t0.25\t{"a":"x\\\\ty"}\n',
    );
  });
});
