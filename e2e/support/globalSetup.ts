import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../testkit/serverProcess.js';

/** Starts one server for the whole run; tests read its address from the environment. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const server = await startServer();
  process.env['TONGTANG_URL'] = server.url;
  process.env['TONGTANG_ADMIN_PASSWORD'] = server.adminPassword;
  return async () => {
    await server.stop();
    // The server's log of the whole run, to read when a test failed.
    const artifacts = fileURLToPath(new URL('../artifacts/', import.meta.url));
    mkdirSync(artifacts, { recursive: true });
    writeFileSync(`${artifacts}server.log`, server.output());
  };
}
