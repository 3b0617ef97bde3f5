import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Dialect, type MigrationProvider } from 'kysely';
import pg from 'pg';
import { redactUrl } from '../log.js';
import { onPostgres } from './autoId.js';
import { migrations } from './migrations.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

/** The database could not be reached or brought up to date at start-up. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

// Times, sizes and count() are int8 and sum()/avg() numeric in PostgreSQL, which pg hands over as strings so
// as not to lose digits; ours all fit a double (milliseconds, bytes), and the code expects numbers as from SQLite.
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const numbersAsNumbers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID || oid === NUMERIC_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

function sqliteDialect(dataDir: string): Dialect {
  mkdirSync(dataDir, { recursive: true });
  const sqlite = new SQLite(join(dataDir, 'tongtang.sqlite'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  return new SqliteDialect({ database: sqlite });
}

function postgresDialect(url: string): Dialect {
  return new PostgresDialect({ pool: new pg.Pool({ connectionString: url, types: numbersAsNumbers, max: 10, connectionTimeoutMillis: 10_000 }) });
}

/**
 * Opens the store and brings its schema up to date: PostgreSQL when `databaseUrl` is set (several servers share
 * it), else the embedded SQLite in `dataDir` (WAL, so readers never wait for the writer).
 */
export async function openDatabase(dataDir: string, databaseUrl: string | null = null): Promise<Db> {
  const db = new Kysely<Database>({ dialect: databaseUrl ? postgresDialect(databaseUrl) : sqliteDialect(dataDir) });
  const provider: MigrationProvider = { getMigrations: async () => migrations };
  try {
    // Branches add migrations side by side (0005 the directed view, 0006 clips): one applied before the other must not block it.
    const { error } = await new Migrator({ db, provider, allowUnorderedMigrations: true }).migrateToLatest();
    if (error) throw error;
  } catch (error) {
    await db.destroy();
    const where = databaseUrl ? `PostgreSQL at ${redactUrl(databaseUrl)}` : `SQLite in ${dataDir}`;
    throw new DatabaseUnavailableError(`database (${where}) could not be opened or migrated: ${(error as Error).message}`, { cause: error });
  }
  return db;
}

// Any fixed number: the key of the advisory lock that servers sharing one PostgreSQL take while they start.
const STARTING_LOCK = 180018;

/**
 * Runs `work` (first admin, demo lesson) with no other server doing the same on this database: on PostgreSQL
 * under an advisory lock held by one pinned connection while `work` uses the others; SQLite has one server.
 */
export async function whileNoOtherStarts<T>(db: Db, work: () => Promise<T>): Promise<T> {
  if (!onPostgres(db)) return work();
  return db.connection().execute(async (pinned) => {
    await sql`select pg_advisory_lock(${STARTING_LOCK})`.execute(pinned);
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(${STARTING_LOCK})`.execute(pinned);
    }
  });
}
