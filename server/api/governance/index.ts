import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requestFilters } from '../../analytics/request-filters.ts';
import { periodOf } from '../../analytics/filters.ts';
import {
  governanceByWeek,
  governanceSummary,
  governanceViolations,
  incidentsWithViolations,
  parseControl,
} from '../../analytics/governance-controls.ts';
import { complianceByGroup, controlCompliance, destructiveAgentActions } from '../../analytics/governance-breakdown.ts';
import { GovernanceViolationsSchema } from './schema.ts';

const governance: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/governance/violations', { schema: GovernanceViolationsSchema, config: { table: 'violations' } }, async (request) => {
    const filters = await requestFilters(app.db, request.query);
    const control = parseControl(request.query.control);
    const [summary, weeks, violations, incidents, groups, actions] = await Promise.all([
      governanceSummary(app.db, filters),
      governanceByWeek(app.db, filters),
      governanceViolations(app.db, filters, { control, limit: request.query.limit }),
      incidentsWithViolations(app.db, filters, { control, limit: request.query.limit }),
      complianceByGroup(app.db, filters),
      destructiveAgentActions(app.db, filters, request.query.limit),
    ]);
    const controls = controlCompliance(summary, actions.evaluated);
    return { period: periodOf(filters), summary, controls, ...groups, agent_actions: actions.actions, weeks, violations, incidents };
  });
};

export default governance;
