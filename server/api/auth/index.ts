// Sign-in, sign-out and "who am I" (docs/api.md "Sign-in and roles"), and the one-time sign-in
// links that `sevscope start` and `sevscope user link` print: GET /sign-in/<token> is answered
// by the server, not the web app, because it must set the cookie before the app loads.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { checkPassword, consumeSignInLink, createSession, deleteSession } from '../../db/users.repository.ts';
import { SESSION_COOKIE, clearSessionCookie, setSessionCookie } from '../../plugins/auth.ts';
import { MeSchema, SignInSchema, SignOutSchema } from './schema.ts';

const LINK_FAILURES = {
  unknown: 'This sign-in link is not valid.',
  used: 'This sign-in link has been used already: each link signs in once.',
  expired: 'This sign-in link has expired: a link is valid for one hour.',
  disabled: 'The user of this sign-in link is disabled.',
} as const;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function linkFailurePage(message: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign-in link not valid · sevscope</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5">
<h1>Sign-in link not valid</h1>
<p>${escapeHtml(message)}</p>
<p>To get a new link, run this where sevscope runs:</p>
<pre><code>sevscope user link NAME</code></pre>
<p>or <a href="/sign-in">sign in with your name and password</a>.</p>
</body></html>
`;
}

const auth: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/api/auth/sign-in', { schema: SignInSchema, config: { public: true } }, async (request, reply) => {
    const result = await checkPassword(app.db, request.body.name, request.body.password);
    if (!result.ok) {
      if (result.retryAfterSeconds !== null) {
        const minutes = Math.ceil(result.retryAfterSeconds / 60);
        return reply
          .status(429)
          .header('retry-after', String(result.retryAfterSeconds))
          .send({ error: { code: 'too_many_attempts', message: `too many failed sign-ins for this name; try again in ${minutes} minute${minutes === 1 ? '' : 's'}` } });
      }
      // One message for an unknown name, a wrong password and a disabled user.
      return reply.status(401).send({ error: { code: 'invalid_credentials', message: 'the name or the password is not right' } });
    }
    const session = await createSession(app.db, result.user.id);
    setSessionCookie(request, reply, session.secret);
    return { name: result.user.name, role: result.user.role, via: 'session' as const };
  });

  app.post('/api/auth/sign-out', { schema: SignOutSchema, config: { public: true } }, async (request, reply) => {
    const secret = request.cookies[SESSION_COOKIE];
    if (secret) await deleteSession(app.db, secret);
    clearSessionCookie(request, reply);
    return reply.status(204).send(null);
  });

  app.get('/api/auth/me', { schema: MeSchema }, async (request) => {
    const principal = request.principal!;
    return { name: principal.name, role: principal.role, via: principal.kind };
  });

  app.get(
    '/sign-in/:token',
    { schema: { hide: true, params: Type.Object({ token: Type.String({ maxLength: 200 }) }) } },
    async (request, reply) => {
      // The link's secret must not leak to other sites through Referer, nor stay in a cache.
      reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
      const result = await consumeSignInLink(app.db, request.params.token);
      if (!result.ok) return reply.status(410).type('text/html; charset=utf-8').send(linkFailurePage(LINK_FAILURES[result.reason]));
      const session = await createSession(app.db, result.userId);
      setSessionCookie(request, reply, session.secret);
      return reply.redirect('/', 303);
    },
  );
};

export default auth;
