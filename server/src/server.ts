import { existsSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import express from 'express';
import type { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { MAX_FRAME_BYTES, type ClientToServerEvents, type ServerToClientEvents } from '@shared';
import type { Config } from './config.js';
import { openDatabase, type Db } from './db/database.js';
import { ensureDemoLesson } from './db/lessonPlans.js';
import { ChatLog } from './redis/chatLog.js';
import { DirectingStore } from './redis/directingStore.js';
import { FloorStore } from './redis/floorStore.js';
import { HandQueue } from './redis/handQueue.js';
import { QualityBoard } from './features/quality/qualityBoard.js';
import { handlers } from './features/index.js';
import { clientFiles } from './http/clientFiles.js';
import { checkHealth } from './http/health.js';
import { lessonApi } from './http/lessonApi.js';
import { LessonRegistry } from './lesson/LessonRegistry.js';
import type { Logger } from './log.js';
import { WorkerPool } from './media/workerPool.js';
import { connectRedis, LiveState } from './redis/liveState.js';
import { startOwnRedis, type OwnRedis } from './redis/redisLauncher.js';
import { typedStore } from './redis/storeErrors.js';
import { boundedParser } from './signalling/boundedParser.js';
import { acceptSignalling } from './signalling/dispatcher.js';
import { announceLiveState } from './signalling/liveStateNotices.js';

const clientDist = fileURLToPath(new URL('../../client/dist', import.meta.url));

/** A running Tongtang server. */
export interface Tongtang {
  url: string;
  db: Db;
  close(): Promise<void>;
}

/**
 * Starts everything in order — Redis, the SQL store, media workers, HTTP and
 * signalling — and undoes what was started if a later step fails, so a bad
 * start leaves no process or port behind.
 */
export async function startTongtang(config: Config, logger: Logger): Promise<Tongtang> {
  const undo: Array<() => Promise<void> | void> = [];
  const closeAll = async (): Promise<void> => {
    for (const step of undo.reverse()) await step();
  };
  try {
    let ownRedis: OwnRedis | null = null;
    if (!config.redisUrl) {
      ownRedis = await startOwnRedis(config.dataDir, logger);
      undo.push(() => ownRedis?.stop());
    }
    const redis: Redis = await connectRedis(config.redisUrl ?? ownRedis!.url);
    undo.push(() => void redis.disconnect());
    // The stores see Redis failures as typed errors (UNAVAILABLE), never as text to match.
    const store = typedStore(redis);
    const live = new LiveState(store);
    await live.clearParticipants();

    const db = await openDatabase(config.dataDir);
    undo.push(() => db.destroy());
    await ensureDemoLesson(db);

    const pool = await WorkerPool.start({ count: config.workers, ...config.rtc, logger });
    undo.push(() => pool.close());
    const floors = new FloorStore(store, config.floorMaxHolders);
    const directings = new DirectingStore(store);
    const lessons = new LessonRegistry(pool, floors, directings, live, { maxParticipants: config.lessonMaxParticipants }, logger);
    undo.push(() => lessons.closeAll());

    const app = express();
    app.disable('x-powered-by');
    app.get('/healthz', async (_req, res) => {
      const health = await checkHealth(pool, redis);
      res.status(health.ok ? 200 : 503).json(health);
    });
    const services = { config, db, live, hands: new HandQueue(store), floors, directings, chat: new ChatLog(store), lessons, logger, quality: new QualityBoard() };
    app.use('/api', lessonApi(services, config.adminToken, config.publicUrl));
    if (existsSync(clientDist)) app.use(await clientFiles(clientDist));

    const http: HttpServer = createServer(app);
    const io = new Server<ClientToServerEvents, ServerToClientEvents>(http, {
      // Sized to the largest real request (see MAX_FRAME_BYTES): a larger frame
      // closes that connection before it is buffered.
      maxHttpBufferSize: MAX_FRAME_BYTES,
      // Refuses frames nested too deep, and binary packets, before anything walks them.
      parser: boundedParser,
      // A closed page leaves at once (the socket closes); a vanished network is noticed within 5 s on both
      // sides. That used to be 13 s: a classroom PC busy encoding could miss a heartbeat and drop out. Now a
      // dropped connection keeps its place and its media (断网续传), so noticing early costs a false alarm
      // nothing but a moment of 正在重新连接… on the others' screens.
      pingInterval: 2000,
      pingTimeout: 3000,
      serveClient: false,
    });
    acceptSignalling(io, handlers, services);
    announceLiveState(redis, io, logger);
    await listen(http, config.httpPort, config.httpHost);
    undo.push(() => new Promise<void>((done) => void io.close(() => done())));
    const url = `http://${config.httpHost === '0.0.0.0' ? '127.0.0.1' : config.httpHost}:${config.httpPort}`;
    return { url, db, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

function listen(http: HttpServer, port: number, host: string): Promise<void> {
  return new Promise((done, fail) => {
    http.once('error', (error: NodeJS.ErrnoException) =>
      fail(new Error(error.code === 'EADDRINUSE' ? `port ${port} on ${host} is already in use (set PORT)` : error.message)),
    );
    http.listen(port, host, () => done());
  });
}
