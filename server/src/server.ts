import { SchoolClock } from './timetable/SchoolClock.js';
import { TimetableScheduler } from './timetable/TimetableScheduler.js';
import type { IncomingMessage } from 'node:http';
import { fileURLToPath } from 'node:url';
import express from 'express';
import type { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { MAX_FRAME_BYTES, type ClientToServerEvents, type ServerToClientEvents } from '@shared';
import type { Config } from './config.js';
import { openEdge } from './edge/listen.js';
import { openDatabase, whileNoOtherStarts, type Db } from './db/database.js';
import proxyaddr from 'proxy-addr';
import { AuditLog } from './auth/audit.js';
import { applyDemoMode, ensureFirstAdmin, type DemoSignIns } from './auth/bootstrap.js';
import { IpRuleStore } from './auth/ipRules.js';
import { LoginLimiter } from './auth/loginLimiter.js';
import { signingKey } from './auth/secrets.js';
import { SessionStore } from './auth/sessions.js';
import { TokenSigner } from './auth/tokens.js';
import { ChatLog } from './redis/chatLog.js';
import { ServerRoster } from './redis/serverRoster.js';
import { QuestionBox } from './redis/questionBox.js';
import { DirectingStore } from './redis/directingStore.js';
import { FloorStore } from './redis/floorStore.js';
import { HandQueue } from './redis/handQueue.js';
import { QualityBoard } from './features/quality/qualityBoard.js';
import { DirectedViewJobs } from './features/recording/directed/DirectedViewJobs.js';
import { RecordingService } from './features/recording/RecordingService.js';
import { ClipMaker } from './features/library/ClipMaker.js';
import { ParticipationLogs } from './features/participation/ParticipationLog.js';
import { QualityFacts } from './features/quality/qualityFacts.js';
import { postWebhook } from './features/webhooks/postWebhook.js';
import { fixedResolve } from './features/webhooks/targetGuard.js';
import { Webhooks } from './features/webhooks/Webhooks.js';
import { WebhookSender } from './features/webhooks/WebhookSender.js';
import { handlers } from './features/index.js';
import { checkHealth, isHealthy } from './http/health.js';
import { mountHttp } from './http/httpApp.js';
import { Federation } from './federation/Federation.js';
import { LessonRegistry } from './lesson/LessonRegistry.js';
import { ServerMetrics } from './metrics/ServerMetrics.js';
import type { Logger } from './log.js';
import { WorkerPool } from './media/workerPool.js';
import { connectRedis, LiveState } from './redis/liveState.js';
import { startOwnRedis, type OwnRedis } from './redis/redisLauncher.js';
import { startTurnServer } from './edge/turnServer.js';
import { typedStore } from './redis/storeErrors.js';
import { boundedParser } from './signalling/boundedParser.js';
import { acceptSignalling } from './signalling/dispatcher.js';
import { announceLiveState } from './signalling/liveStateNotices.js';
import { authenticateConnections } from './signalling/handshake.js';
import { LiveOutputs } from './features/broadcast/output/LiveOutputs.js';
import { limitConnectionsPerAddress } from './signalling/connectionLimit.js';
import { securityHeaders } from './edge/headers.js';
import { allowedOrigins, originAllowed } from './edge/origins.js';

const clientDist = fileURLToPath(new URL('../../client/dist', import.meta.url));

/** A running Tongtang server. */
export interface Tongtang {
  url: string;
  db: Db;
  /** The first bureau admin's one-time password, on the very first start only (printed once). */
  firstAdmin: { login: string; password: string } | null;
  /** Demo mode's sign-ins and terminal links, to print (null with DEMO=off). */
  demo: DemoSignIns | null;
  /** The plain-HTTP address of the page that hands out the server's own CA; null when it has none (TLS off, or TLS_CERT). */
  caUrl: string | null;
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
    const live = new LiveState(store, config.serverId);
    // The servers sharing this Redis (one, unless REDIS_URL is shared): at start this one's stale participants go,
    // and those of servers no longer alive; a server that leaves later is cleared by the others' rosters.
    // Set once the media workers run (below); a server leaving before that has nothing of ours to take away.
    let federation: Federation | null = null;
    const roster = new ServerRoster(store, config.serverId, logger, async (gone) => {
      federation?.serverLeft(gone);
      const dropped = await live.clearServer(gone);
      if (dropped > 0) logger.info({ server: gone, dropped }, 'cleared the participants and tracks a departed server left');
    });
    const alive = await roster.aliveIds();
    alive.delete(config.serverId);
    await live.clearParticipants(alive);
    await roster.start();
    undo.push(() => roster.stop());

    const db = await openDatabase(config.dataDir, config.databaseUrl);
    undo.push(() => db.destroy());
    const key = signingKey(config.dataDir, config.auth.secret);
    const signer = new TokenSigner(key, config.auth.accessSeconds);
    const sessions = new SessionStore(db, signer, { account: config.auth.sessionMs, terminal: config.auth.terminalSessionMs });
    const accounts = { sessions, audit: new AuditLog(db, logger), ipRules: new IpRuleStore(db), limiter: new LoginLimiter(redis, config.auth.loginWindowSeconds) };
    // Several servers may start at once on one PostgreSQL: one makes the first admin and the demo lesson, the next finds them.
    const { firstAdmin, demo } = await whileNoOtherStarts(db, async () => ({
      firstAdmin: await ensureFirstAdmin(db, config.adminInitialPassword),
      demo: await applyDemoMode(db, config.demo, sessions, config.publicUrl, config.auth.terminalLinkMs),
    }));

    // 推送: the outbox is in SQL; the sender takes up at start what a stopped server left pending.
    const resolveWebhookHost = fixedResolve(config.webhooks.resolve);
    const webhookSender = new WebhookSender(db, { ...config.webhooks, resolve: resolveWebhookHost, post: postWebhook }, logger);
    undo.push(() => webhookSender.close());
    const webhooks = new Webhooks(db, webhookSender, config.webhooks.maxAttempts, logger);
    webhookSender.wake();

    const pool = await WorkerPool.start({ count: config.workers, maxConsumers: config.workerMaxConsumers, nice: config.workerNice, ...config.rtc, logger });
    undo.push(() => pool.close());
    const floors = new FloorStore(store, config.floorMaxHolders);
    const directings = new DirectingStore(store);
    const lessons = new LessonRegistry(pool, floors, directings, live, { maxParticipants: config.lessonMaxParticipants, maxObservers: config.lessonMaxObservers, maxViewers: config.lessonMaxViewers }, logger);
    // A lesson whose pages are on several servers sharing this Redis: its notices cross, its tracks are piped (issue 18).
    const linked = await Federation.start({
      redis: store,
      serverId: config.serverId,
      pipeAddress: { listenIp: config.rtc.listenIp, announcedIp: config.rtc.announcedIp },
      alive: () => new Set(roster.servers().map((server) => server.id)),
      logger,
    });
    federation = linked;
    undo.push(() => linked.close());
    lessons.linkWith(async (lesson) => linked.attach(lesson, await live.participantEntries(lesson.record.id)));
    // 课堂参与: every lesson logs its hands, floor and speakers; after the lessons close, their last rows are written before the database closes.
    const participation = new ParticipationLogs(db, logger);
    participation.follow(lessons);
    undo.push(() => participation.close());
    const qualityFacts = new QualityFacts(db, logger);
    undo.push(() => qualityFacts.close());
    undo.push(() => lessons.closeAll());
    // 导播画面 after each recording, one at a time; one that a stopped server left half-built goes on from its last chunk.
    const directedViews = new DirectedViewJobs(db, config.recording.dir, logger, {
      threads: config.recording.jobThreads,
      minFreeBytes: config.recording.minFreeBytes,
      onReady: (recordingId) => void webhooks.recordingReady(recordingId),
    });
    undo.push(() => directedViews.close());
    const recordings = new RecordingService(db, config.recording, logger, accounts.audit, () => directedViews.wake());
    recordings.follow(lessons);
    // Before the lessons close: the recorders finish their segments and the rows stay running for the next start.
    undo.push(() => recordings.close());
    // 直播输出: a live broadcast's HLS and RTMP push; stopped before the lessons close.
    const liveOutputs = new LiveOutputs(lessons, config.liveOutput.dir, config.liveOutput, logger);
    undo.push(() => liveOutputs.stopAll());
    const clips = new ClipMaker(db, config.recording.dir, logger);
    undo.push(() => clips.close());
    void clips.resumeUnfinished().catch((error: Error) => logger.error({ err: error.message }, 'could not resume unfinished micro-lessons'));
    directedViews.wake();
    const clock = new SchoolClock(config.testClock);
    if (config.testClock) logger.warn('TEST_CLOCK=on: admins may move the timetable\'s clock (for end-to-end tests only)');
    const timetable = new TimetableScheduler({ db, live, lessons, webhooks, logger }, { ...config.timetable, now: () => clock.now() });
    undo.push(() => timetable.close());

    const app = express();
    app.disable('x-powered-by');
    // Production behaviour whatever NODE_ENV says: no stack traces or development pages to a client.
    app.set('env', 'production');
    app.use(securityHeaders());
    const origins = allowedOrigins(config.publicUrl, config.httpPort, config.auth.allowedOrigins);
    // The web server's certificate first (created on the first start): the TURN relay's TLS port serves the same one.
    const edge = await openEdge(app, config, logger);
    undo.push(() => edge.close());
    const turnTls = config.turn && !config.turn.tlsCert ? edge.certificateFiles : null;
    const turn = config.turn
      ? await startTurnServer({ dataDir: config.dataDir, listenIp: config.rtc.listenIp, announcedIp: config.rtc.announcedIp, ...config.turn, ...(turnTls ? { tlsCert: turnTls.cert, tlsKey: turnTls.key } : {}) }, logger)
      : null;
    if (turn) undo.push(() => turn.stop());
    // The client's address: the connection's, or from X-Forwarded-For only as far as TRUST_PROXY's proxies vouch for it.
    const trust = proxyaddr.compile(config.auth.trustProxy);
    app.set('trust proxy', trust);
    const services = {
      config, db, live, hands: new HandQueue(store), floors, directings, chat: new ChatLog(store), questions: new QuestionBox(store), lessons, logger, quality: new QualityBoard(), qualityFacts, accounts,
      health: () => checkHealth(pool, redis, roster),
      turn,
      recordings,
      liveOutputs,
      clips,
      webhooks,
      resolveWebhookHost,
      timetable,
      clock,
      metrics: new ServerMetrics({ lessons, pool, recordings, db, roster }),
    };
    await mountHttp(app, { services, signingKey: key, origins, healthy: () => isHealthy(pool, redis), clientDist });

    const io = new Server<ClientToServerEvents, ServerToClientEvents>(edge.server, {
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
      // Another site's page may not open a connection in our user's name (a program sends no Origin).
      allowRequest: (request, done) => done(null, originAllowed(request.headers.origin, origins)),
    });
    const addressOf = (request: IncomingMessage): string => proxyaddr(request, trust);
    authenticateConnections(io, services, addressOf);
    // Last of the handshake's checks, so only accepted connections count (a refused one never says disconnect).
    limitConnectionsPerAddress(io, addressOf, config.auth.maxConnectionsPerAddress);
    acceptSignalling(io, handlers, services);
    announceLiveState(redis, io, logger);
    await edge.listen();
    timetable.start();
    undo.push(() => new Promise<void>((done) => void io.close(() => done())));
    return { url: edge.url, db, firstAdmin, demo, caUrl: edge.caUrl, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
