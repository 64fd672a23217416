// Configuration from the environment (docs/api.md "CLI").
import path from 'node:path';

export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  /** Where people open the app: the base of printed sign-in links (SEVSCOPE_PUBLIC_URL). */
  publicUrl: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT: expected a port number, got ${JSON.stringify(env.PORT)}`);
  const host = env.HOST || '127.0.0.1';
  const shownHost = host === '0.0.0.0' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.SEVSCOPE_DATA_DIR || path.join('.sevscope', 'pg')),
    port,
    host,
    publicUrl: (env.SEVSCOPE_PUBLIC_URL || `http://${shownHost}:${port}`).replace(/\/+$/, ''),
  };
}

/**
 * SEVSCOPE_TRUST_PROXY (fastify's trustProxy): behind a TLS-terminating proxy, trust its
 * X-Forwarded-Proto so the session cookie is marked Secure. "true" trusts any hop; anything
 * else is a comma-separated list of the proxies' addresses or CIDRs (e.g. 127.0.0.1,10.0.0.0/8).
 */
export function trustProxy(value: string | undefined = process.env.SEVSCOPE_TRUST_PROXY): boolean | string {
  if (!value || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  return value;
}
