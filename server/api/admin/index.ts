// The Admin page's API (role admin): users and API tokens. Every change is audited with the
// signed-in admin as actor, in the same transaction as the change.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createToken, listTokens, revokeToken } from '../../db/api-tokens.repository.ts';
import { UserExistsError, createSignInLink, createUser, findUser, listUsers, updateUser } from '../../db/users.repository.ts';
import { TokenCreateSchema, TokenListSchema, TokenRevokeSchema, UserCreateSchema, UserLinkSchema, UserListSchema, UserUpdateSchema } from './schema.ts';

const notFound = (what: string, id: string) => ({ error: { code: 'not_found', message: `no ${what} ${id}` } });

const admin: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/admin/users', { schema: UserListSchema, config: { role: 'admin' } }, async () => ({ users: await listUsers(app.db) }));

  app.post('/api/admin/users', { schema: UserCreateSchema, config: { role: 'admin' } }, async (request, reply) => {
    try {
      const user = await createUser(app.db, { name: request.body.name, role: request.body.role, password: request.body.password ?? null }, request.principal!);
      return reply.status(201).send(user);
    } catch (error) {
      if (error instanceof UserExistsError) return reply.status(409).send({ error: { code: 'conflict', message: `name: ${error.message}` } });
      throw error;
    }
  });

  app.patch('/api/admin/users/:id', { schema: UserUpdateSchema, config: { role: 'admin' } }, async (request, reply) => {
    const target = await findUser(app.db, { id: request.params.id });
    if (!target) return reply.status(404).send(notFound('user', request.params.id));
    // An admin cannot lock everyone out: not by disabling or demoting the last enabled admin.
    const losesAdmin = target.role === 'admin' && !target.disabled_at && (request.body.disabled === true || (request.body.role !== undefined && request.body.role !== 'admin'));
    if (losesAdmin) {
      const admins = (await listUsers(app.db)).filter((user) => user.role === 'admin' && !user.disabled_at);
      if (admins.length <= 1) return reply.status(409).send({ error: { code: 'last_admin', message: `${target.name} is the only enabled admin; make another admin first` } });
    }
    return (await updateUser(app.db, request.params.id, request.body, request.principal!))!;
  });

  app.post('/api/admin/users/:id/sign-in-link', { schema: UserLinkSchema, config: { role: 'admin' } }, async (request, reply) => {
    const target = await findUser(app.db, { id: request.params.id });
    if (!target) return reply.status(404).send(notFound('user', request.params.id));
    if (target.disabled_at) return reply.status(409).send({ error: { code: 'disabled', message: `${target.name} is disabled; enable the user first` } });
    const link = await createSignInLink(app.db, target.id, request.principal!);
    return reply.status(201).send({ url: `${request.protocol}://${request.host}/sign-in/${link.token}`, expires_at: link.expiresAt });
  });

  app.get('/api/admin/tokens', { schema: TokenListSchema, config: { role: 'admin' } }, async () => ({ tokens: await listTokens(app.db) }));

  app.post('/api/admin/tokens', { schema: TokenCreateSchema, config: { role: 'admin' } }, async (request, reply) => {
    return reply.status(201).send(await createToken(app.db, request.body.name, request.body.role, request.principal!));
  });

  app.delete('/api/admin/tokens/:id', { schema: TokenRevokeSchema, config: { role: 'admin' } }, async (request, reply) => {
    const token = await revokeToken(app.db, request.params.id, request.principal!);
    return token ?? reply.status(404).send(notFound('API token', request.params.id));
  });
};

export default admin;
