import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { withClient } from './postgres.js';

/**
 * Rows read straight from a test server's store, past its API: its PostgreSQL database when it has one, else
 * its SQLite file (read-only). `query` uses `?` placeholders, rewritten to PostgreSQL's `$1, $2, …`.
 */
export async function storedRows(server: { dataDir: string; databaseUrl: string | null }, query: string, params: unknown[] = []): Promise<Array<Record<string, unknown>>> {
  if (server.databaseUrl) {
    let n = 0;
    const text = query.replace(/\?/g, () => `$${++n}`);
    return withClient(server.databaseUrl, async (client) => (await client.query(text, params)).rows as Array<Record<string, unknown>>);
  }
  const db = new SQLite(join(server.dataDir, 'tongtang.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(query).all(...params) as Array<Record<string, unknown>>;
  } finally {
    db.close();
  }
}
