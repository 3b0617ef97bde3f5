import { startPostgresCluster } from './postgres.js';

/**
 * Vitest global set-up: with TEST_DATABASE=postgres, one PostgreSQL cluster for the run, whose URL the test
 * servers find in TEST_POSTGRES_ADMIN_URL (each then gets a database of its own, see serverProcess.ts).
 */
export default async function setup(): Promise<(() => Promise<void>) | void> {
  if (process.env.TEST_DATABASE !== 'postgres' || process.env.TEST_POSTGRES_ADMIN_URL) return;
  const cluster = await startPostgresCluster();
  process.env.TEST_POSTGRES_ADMIN_URL = cluster.adminUrl;
  return () => cluster.stop();
}
