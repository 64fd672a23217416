import { Type } from 'typebox';

/** The common filters (docs/api.md "Common"); parsed by server/analytics/filters.ts for clear errors. */
export const MetricFilterQuery = Type.Object({
  from: Type.Optional(Type.String({ description: 'RFC 3339 date or time, inclusive; default: 12 months before `to`' })),
  to: Type.Optional(Type.String({ description: 'RFC 3339 date or time, exclusive; default: the day after the latest deployment' })),
  service: Type.Optional(Type.String()),
  team: Type.Optional(Type.String()),
  domain: Type.Optional(Type.String()),
  tier: Type.Optional(Type.String({ description: '1, 2 or 3' })),
  environment: Type.Optional(Type.String({ description: 'one of the production environments' })),
  severity: Type.Optional(Type.String({ description: 'incident severities counted, comma-separated; default sev1,sev2' })),
  min_confidence: Type.Optional(Type.String({ description: 'links below this are ignored; default 0.5' })),
});

export const Period = Type.Object({ from: Type.String(), to: Type.String() });
