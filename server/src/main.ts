import { ConfigError, loadConfig } from './config.js';
import { lessonLinks } from './db/lessonPlans.js';
import { createLogger } from './log.js';
import { startTongtang } from './server.js';
import { RejectionLog } from './signalling/rejectionLog.js';

/**
 * `npm start`: starts the server and prints the addresses to open. Any failure
 * to start ends the process with exit code 1 and one clear line on stderr.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  // A promise nobody awaited failed: a bug, but one lesson's bug must not end every lesson. Logged, and we keep serving.
  // (An uncaught exception still ends the process: the tests must catch those.)
  const unhandled = new RejectionLog(logger, 'error');
  process.on('unhandledRejection', (reason) => {
    unhandled.reject({ err: reason instanceof Error ? reason.message : String(reason), stack: reason instanceof Error ? reason.stack : undefined }, 'unhandled rejection');
  });
  const tongtang = await startTongtang(config, logger);
  const demo = await lessonLinks(tongtang.db, 'demo', config.publicUrl);
  const lines = [
    '',
    `同堂 Tongtang is running — ${config.publicUrl}   (health: ${tongtang.url}/healthz)`,
    demo ? `示范课 demo lesson:` : '',
    demo ? `  主讲教师 teacher:   ${demo.teacher}` : '',
    ...(demo?.classrooms.map((c) => `  接收课堂 ${c.name}:  ${c.url}`) ?? []),
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

main().catch((error: unknown) => {
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`tongtang: cannot start: ${message.split('\n')[0]}\n`);
  process.exit(1);
});
