import { PostgresAdapter, type ColumnDataType, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

/** Whether `db` speaks to PostgreSQL (else SQLite). */
export const onPostgres = (db: Pick<Kysely<unknown>, 'getExecutor'>): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * The arguments after a column's name for an integer key the database numbers itself: SQLite's
 * `integer primary key autoincrement` (as existing stores have it), PostgreSQL's `serial primary key`.
 */
export function autoId(db: Kysely<unknown>): [ColumnDataType, (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder] {
  return onPostgres(db) ? ['serial', (c) => c.primaryKey()] : ['integer', (c) => c.primaryKey().autoIncrement()];
}
