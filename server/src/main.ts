import { ConfigError, loadConfig } from './config.js';
import { createLogger, scrub } from './log.js';
import { startTongtang } from './server.js';
import { RejectionLog } from './signalling/rejectionLog.js';

/**
 * `npm start`: starts the server and prints the addresses to open. Any failure
 * to start ends the process with exit code 1 and one clear line on stderr.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, config.secrets);
  secrets = config.secrets;
  // A promise nobody awaited failed: a bug, but one lesson's bug must not end every lesson. Logged, and we keep serving.
  // (An uncaught exception still ends the process: the tests must catch those.)
  const unhandled = new RejectionLog(logger, 'error');
  process.on('unhandledRejection', (reason) => {
    unhandled.reject({ err: reason instanceof Error ? reason.message : String(reason), stack: reason instanceof Error ? reason.stack : undefined }, 'unhandled rejection');
  });
  const tongtang = await startTongtang(config, logger);
  const { demo, firstAdmin } = tongtang;
  const lines = [
    '',
    `同堂 Tongtang is running — ${config.publicUrl}   (health: ${tongtang.url}/healthz)`,
    // Each terminal trusts the server's own CA once; the page is on plain HTTP too, for a terminal that does not yet.
    tongtang.caUrl ? `  信任证书 trust the server's CA once per terminal: ${tongtang.caUrl}` : '',
    `  管理 admin:  ${config.publicUrl}/admin   登录 sign in: ${config.publicUrl}/login`,
    // Shown once: the hash is all that is kept. It must be changed at the first sign-in.
    firstAdmin ? `  首次启动 first start — 管理员 admin login: ${firstAdmin.login}   一次性密码 one-time password: ${firstAdmin.password}` : '',
    demo ? `示范课 demo lesson (DEMO=off turns it off):` : '',
    demo ? `  主讲教师 teacher ${demo.teacher.name}: sign in at ${config.publicUrl}/login   login: ${demo.teacher.login}   password: ${demo.teacher.password}` : '',
    ...(demo?.classrooms.map((c) => `  接收课堂 ${c.name} terminal link:  ${c.url}`) ?? []),
    '',
  ];
  process.stdout.write(lines.filter((line, i) => line !== '' || i === 0 || i === lines.length - 1).join('\n') + '\n');
  // Under the supervisor (npm start): from now on a death of this process is a crash to recover from.
  process.send?.('ready');
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    // Pages keep reconnecting while we close; never let that hold the process open.
    setTimeout(() => process.exit(0), 5000).unref();
    void tongtang.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** The configured secrets, once read: the one line of a failed start is scrubbed of them too. */
let secrets: readonly string[] = [];

main().catch((error: unknown) => {
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`tongtang: cannot start: ${scrub(message.split('\n')[0] ?? '', secrets)}\n`);
  process.exit(1);
});
