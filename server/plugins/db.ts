import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/connection.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    embeddedDatabase: boolean;
  }
}

export function registerDatabase(app: FastifyInstance, db: Db, embedded: boolean): void {
  app.decorate('db', db);
  app.decorate('embeddedDatabase', embedded);
}
