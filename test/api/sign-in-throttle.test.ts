// Sign-in attempts per client address: after SIGN_IN_ATTEMPTS_PER_ADDRESS in the window, further
// attempts from that address get 429 whatever the name, while another address still signs in.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_ATTEMPTS_PER_ADDRESS } from '../../server/api/auth/index.ts';
import { buildApp } from '../../server/app.ts';
import { createUser } from '../../server/db/users.repository.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';

let t: TestDatabase;
let app: FastifyInstance;
beforeAll(async () => {
  t = await createTestDatabase();
  await createUser(t.db, { name: 'ivy', role: 'viewer', password: 'a long password' }, 'cli');
  app = await buildApp({ db: t.db });
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

const signIn = (name: string, password: string, remoteAddress: string) =>
  app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { name, password }, remoteAddress });

describe('sign-in throttle per address', () => {
  it('refuses an address spraying names, names the wait, and leaves other addresses alone', async () => {
    // A different name each time: the per-name lockout (5 failures) never triggers.
    for (let i = 0; i < SIGN_IN_ATTEMPTS_PER_ADDRESS; i++) {
      expect((await signIn(`user-${i}`, 'password1', '10.0.0.9')).statusCode).toBe(401);
    }
    const refused = await signIn('ivy', 'a long password', '10.0.0.9');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toEqual({ code: 'too_many_attempts', message: expect.stringMatching(/^too many sign-in attempts from this address; try again in \d+ minutes$/) });
    expect(refused.headers['retry-after']).toBeDefined();
    expect((await signIn('ivy', 'a long password', '10.0.0.10')).statusCode).toBe(200);
  });
});
