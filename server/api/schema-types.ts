// Schema pieces every resource uses.
import { type TSchema, Type } from 'typebox';

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/**
 * An RFC 3339 time. Handlers may return the Date that pg gives: the response serializer writes
 * it as an ISO string, and the Arrow/CSV formats read the same `date-time` format.
 */
export const DateTime = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' });

/**
 * A string that repeats across rows (a service, an environment, a source): Arrow sends each
 * distinct value once (dictionary encoding) instead of once per row.
 */
export const Repeating = (options: Parameters<typeof Type.String>[0] = {}) => Type.String({ ...options, 'x-arrow': 'dictionary' });
