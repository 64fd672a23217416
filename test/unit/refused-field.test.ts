import { describe, expect, it } from 'vitest';
import { ApiError } from '../../web/src/lib/api/client.ts';
import { refusalText, refusedField } from '../../web/src/lib/api/refused-field.ts';

describe('the field a refused write names', () => {
  const FIELDS = ['owner', 'due_date'] as const;

  it('reads the field from the server’s "body.<field>: …" and a route’s "<field>: …"', () => {
    expect(refusedField(new ApiError(400, 'invalid_request', 'body.due_date: must match format "date"'), FIELDS)).toBe('due_date');
    expect(refusedField(new ApiError(409, 'conflict', 'owner: already taken'), FIELDS)).toBe('owner');
    expect(refusalText('body.due_date: must match format "date"')).toBe('must match format "date"');
  });

  it('names no field for another field, a message without one, or a failure that is not the API’s', () => {
    expect(refusedField(new ApiError(400, 'invalid_request', 'body.title: must NOT have fewer than 1 characters'), FIELDS)).toBeNull();
    expect(refusedField(new ApiError(500, 'internal', 'Something went wrong.'), FIELDS)).toBeNull();
    expect(refusedField(new Error('owner: offline'), FIELDS)).toBeNull();
  });
});
