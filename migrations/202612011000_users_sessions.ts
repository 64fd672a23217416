import { type Kysely, sql } from 'kysely';

// Local users, their server-side sessions and one-time sign-in links (docs/api.md "Sign-in").
// Secrets are never stored: sessions and links keep the SHA-256 of a random secret, users an
// argon2id hash. audit_log gains user_id so a change made in the web app names its user.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE users (
      id             bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT users_pkey PRIMARY KEY,
      name           text NOT NULL CONSTRAINT users_name_key UNIQUE,
      role           text NOT NULL CONSTRAINT users_role_check CHECK (role IN ('viewer', 'sre', 'admin')),
      -- NULL: signs in only through a one-time link (the first admin that start creates).
      password_hash  text,
      created_at     timestamptz NOT NULL DEFAULT now(),
      last_sign_in_at timestamptz,
      disabled_at    timestamptz
    );

    CREATE TABLE sessions (
      id           text CONSTRAINT sessions_pkey PRIMARY KEY,
      user_id      bigint NOT NULL CONSTRAINT sessions_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
      created_at   timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at   timestamptz NOT NULL
    );
    CREATE INDEX sessions_user_id_idx ON sessions (user_id);
    CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);

    CREATE TABLE sign_in_links (
      id         bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT sign_in_links_pkey PRIMARY KEY,
      token_hash text NOT NULL CONSTRAINT sign_in_links_token_hash_key UNIQUE,
      user_id    bigint NOT NULL CONSTRAINT sign_in_links_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at    timestamptz
    );

    -- Repeated failed sign-ins per name, for throttling (one row per name, reset on success).
    CREATE TABLE sign_in_failures (
      name       text CONSTRAINT sign_in_failures_pkey PRIMARY KEY,
      failures   integer NOT NULL,
      last_at    timestamptz NOT NULL
    );

    ALTER TABLE audit_log ADD COLUMN user_id bigint CONSTRAINT audit_log_user_id_fkey REFERENCES users (id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE audit_log DROP COLUMN user_id;
    DROP TABLE sign_in_failures, sign_in_links, sessions, users;
  `.execute(db);
}
