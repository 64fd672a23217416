// Sign-in, sign-out and "who am I" (docs/api.md "Sign-in and roles"), and the one-time sign-in
// links that `sevscope start` and `sevscope user link` print. /sign-in/<token> is answered by the
// server, not the web app, because it must set the cookie before the app loads. GET only shows
// a "Sign in as NAME" button; its POST uses the link up. A chat or mail client that fetches the
// link to preview it therefore cannot spend it before the person clicks.
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { checkPassword, consumeSignInLink, createSession, deleteSession, signInLinkState } from '../../db/users.repository.ts';
import { SESSION_COOKIE, clearSessionCookie, setSessionCookie } from '../../plugins/auth.ts';
import { MeSchema, SignInSchema, SignOutSchema } from './schema.ts';

const LINK_FAILURES = {
  unknown: 'This sign-in link is not valid.',
  used: 'This sign-in link has been used already: each link signs in once.',
  expired: 'This sign-in link has expired: a link is valid for one hour.',
  disabled: 'The user of this sign-in link is disabled.',
} as const;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A small server-rendered page: the sign-in link is answered before the web app loads. */
function linkPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · sevscope</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<style>
body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5; color: #1f2328; background: #fff; }
button { font: inherit; font-size: 1.05rem; padding: 0.5rem 1.25rem; border-radius: 6px; border: 1px solid #0969da; background: #0969da; color: #fff; cursor: pointer; }
button:focus-visible { outline: 3px solid #54aeff; outline-offset: 2px; }
@media (prefers-color-scheme: dark) { body { color: #e6edf3; background: #0d1117; } a { color: #4493f8; } }
</style></head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
</body></html>
`;
}

function linkFailurePage(message: string): string {
  return linkPage('Sign-in link not valid', `<p>${escapeHtml(message)}</p>
<p>To get a new link, run this where sevscope runs:</p>
<pre><code>sevscope user link NAME</code></pre>
<p>or <a href="/sign-in">sign in with your name and password</a>.</p>`);
}

function linkConfirmPage(name: string, token: string): string {
  return linkPage('Sign in to sevscope', `<p>This one-time link signs you in as <strong>${escapeHtml(name)}</strong>.</p>
<form method="post" action="/sign-in/${encodeURIComponent(token)}"><button type="submit" autofocus>Sign in as ${escapeHtml(name)}</button></form>
<p>Once used, the link stops working; to sign in again later, use your name and password or ask an admin for a new link.</p>`);
}

/**
 * Sign-in attempts per client address (all names together) in 15 minutes: with the lockout per
 * name (5 failures), this stops one address from trying a common password on every name.
 * Behind a proxy the address is the proxy's unless SEVSCOPE_TRUST_PROXY is set.
 */
export const SIGN_IN_ATTEMPTS_PER_ADDRESS = 30;
const SIGN_IN_WINDOW = '15 minutes';

const auth: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(rateLimit, {
    global: false,
    // Thrown to the central error handler, which answers the usual { error: { code, message } }.
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error(`too many sign-in attempts from this address; try again in ${Math.ceil(context.ttl / 60_000)} minutes`), {
        statusCode: 429,
        code: 'TOO_MANY_ATTEMPTS',
      }),
  });
  const signInLimit = { max: SIGN_IN_ATTEMPTS_PER_ADDRESS, timeWindow: SIGN_IN_WINDOW };

  app.post('/api/auth/sign-in', { schema: SignInSchema, config: { public: true, rateLimit: signInLimit } }, async (request, reply) => {
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

  const LinkParams = Type.Object({ token: Type.String({ maxLength: 200 }) });
  // The confirmation page's form posts an empty urlencoded body; nothing in it is read.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (_request, _body, done) => done(null, {}));
  // The link's secret must not leak to other sites through Referer, nor stay in a cache.
  // 'same-origin', not 'no-referrer': under no-referrer the form's POST says `Origin: null`,
  // which the same-origin check of writes refuses.
  const privateHeaders = { 'referrer-policy': 'same-origin', 'cache-control': 'no-store' };

  app.get('/sign-in/:token', { schema: { hide: true, params: LinkParams } }, async (request, reply) => {
    reply.headers(privateHeaders).type('text/html; charset=utf-8');
    const state = await signInLinkState(app.db, request.params.token);
    if (!state.ok) return reply.status(410).send(linkFailurePage(LINK_FAILURES[state.reason]));
    return reply.send(linkConfirmPage(state.name, request.params.token));
  });

  app.post('/sign-in/:token', { schema: { hide: true, params: LinkParams }, config: { rateLimit: signInLimit } }, async (request, reply) => {
    reply.headers(privateHeaders);
    // Same origin only (the auth hook checks every write, this one included).
    const result = await consumeSignInLink(app.db, request.params.token);
    if (!result.ok) return reply.status(410).type('text/html; charset=utf-8').send(linkFailurePage(LINK_FAILURES[result.reason]));
    const session = await createSession(app.db, result.userId);
    setSessionCookie(request, reply, session.secret);
    return reply.redirect('/', 303);
  });
};

export default auth;
