import { startServer } from '../../server/test/support/serverProcess.js';

/** Starts one server for the whole run; tests read its address from the environment. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const server = await startServer();
  process.env['TONGTANG_URL'] = server.url;
  process.env['TONGTANG_ADMIN_TOKEN'] = server.adminToken;
  return () => server.stop();
}
