import { isTimeZone } from './timetable/wallClock.js';
import { networkInterfaces, cpus, hostname } from 'node:os';
import { join, resolve } from 'node:path';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { RESUME_GRACE_MS } from '@shared';

/** The first non-internal IPv4 address, so classrooms on the school LAN can reach the SFU with no setting. */
function lanAddress(): string {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) if (address.family === 'IPv4' && !address.internal) return address.address;
  }
  return '127.0.0.1';
}

const isAddressOrCidr = (value: string): boolean => ipaddr.isValid(value) || ipaddr.isValidCIDR(value);
/** WEBHOOK_RESOLVE's `host=address` pairs, host lowercased. */
const resolveEntries = (list: string | undefined): Array<[string, string]> =>
  (list ?? '').split(',').map((s) => s.trim()).filter(Boolean).map((pair) => {
    const [host = '', address = ''] = pair.split('=', 2);
    return [host.trim().toLowerCase(), address.trim()];
  });
const port = z.coerce.number().int().min(1).max(65535);
const ipv4 = z.union([z.ipv4(), z.literal('0.0.0.0')]);

/**
 * Every knob of the server, read from the environment once at start-up. The
 * defaults run the whole system on one machine; the README lists each one.
 */
export const configSchema = z
  .object({
    PORT: port.default(3000),
    HOST: ipv4.default('0.0.0.0'),
    /** Address the media ports listen on. */
    RTC_LISTEN_IP: ipv4.default('0.0.0.0'),
    /** Address written into ICE candidates: what classroom computers connect to. */
    RTC_ANNOUNCED_IP: z.ipv4().optional(),
    /** Worker i listens on RTC_PORT + i, UDP and TCP: a school firewall opens only these. */
    RTC_PORT: port.default(40000),
    WORKERS: z.coerce.number().int().min(1).max(64).default(cpus().length),
    /** Redis for live state; when empty, the server starts its own on a free loopback port. */
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
    /**
     * This server's name among the servers sharing REDIS_URL; it marks the participants it records, so one
     * server starting or leaving clears only its own. Default: host name and PORT, the same at every restart.
     */
    SERVER_ID: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, 'letters, digits and . _ : - only, at most 64').optional(),
    DATA_DIR: z.string().min(1).default('data'),
    /** PostgreSQL that several servers share (postgres://user:pass@host/db); unset: SQLite in DATA_DIR, for one server. */
    DATABASE_URL: z
      .string()
      .max(2000)
      .refine((value) => {
        try {
          const url = new URL(value);
          return /^postgres(ql)?:$/.test(url.protocol) && url.hostname !== '' && url.pathname.length > 1;
        } catch {
          return false;
        }
      }, 'must be a PostgreSQL URL like postgres://tongtang:secret@db.lan:5432/tongtang (host and database name)')
      .optional(),
    /**
     * The first bureau admin's password (login `admin`), for automated installs. Unset: a one-time password is
     * printed at the first start and must be changed at the first sign-in.
     */
    ADMIN_INITIAL_PASSWORD: z.string().min(10).max(256).optional(),
    /** The demo lesson 示范课 with its teacher and classroom terminals; on by default so a new install shows it work. */
    DEMO: z.enum(['on', 'off']).default('on'),
    /** Key that signs sessions and links; several servers must share one. Unset: created in DATA_DIR/auth-secret. */
    AUTH_SECRET: z.string().min(32).optional(),
    /**
     * Reverse proxies whose X-Forwarded-For is believed (comma-separated addresses or CIDRs, e.g.
     * `127.0.0.1,10.0.0.0/8`). Unset: none; the client address is the connection's, whatever a header says.
     */
    TRUST_PROXY: z
      .string()
      .max(2000)
      .optional()
      .refine((list) => (list ?? '').split(',').map((s) => s.trim()).filter(Boolean).every(isAddressOrCidr), 'must be IP addresses or CIDRs, comma-separated'),
    /** Lifetime of an access token, in seconds (each API call and signalling handshake checks its session too). */
    ACCESS_TOKEN_SECONDS: z.coerce.number().int().min(30).max(3600).default(600),
    /** How long a person stays signed in, in hours (a school day). */
    SESSION_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
    /** How long a terminal's session lasts without being used, in days (each use extends it). */
    TERMINAL_SESSION_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
    /** How long a terminal's link (its QR code) can be opened, in days. */
    TERMINAL_LINK_DAYS: z.coerce.number().int().min(1).max(365).default(14),
    /** The window of the sign-in limit (5 wrong passwords per account, 30 per address), in seconds. */
    LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    /** Web origins beside the server's own addresses that may use the API and signalling (comma-separated), e.g. a bureau portal. */
    ALLOWED_ORIGINS: z
      .string()
      .max(4000)
      .optional()
      .refine((list) => (list ?? '').split(',').map((s) => s.trim()).filter(Boolean).every((o) => /^https?:\/\/[^/]+$/.test(o)), 'must be origins like https://portal.example.cn, comma-separated'),
    /** Signalling connections one client address may hold at once (a school's NAT puts all its terminals behind one). */
    MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(1).max(10_000).default(100),
    /** Allow a regional platform (OIDC issuer) on plain http: only for a platform on the LAN without TLS, or tests. */
    SSO_ALLOW_HTTP: z.enum(['on', 'off']).default('off'),
    /**
     * HTTPS (browsers give a page the camera only in a secure context): `auto` serves HTTPS unless the server
     * listens on loopback only (HOST=127.0.0.1); `on` always; `off` plain HTTP (e.g. behind a TLS proxy).
     */
    TLS: z.enum(['auto', 'on', 'off']).default('auto'),
    /** The school's own certificate and key (PEM files). Unset: the server issues one from its own CA in DATA_DIR/tls. */
    TLS_CERT: z.string().min(1).optional(),
    TLS_KEY: z.string().min(1).optional(),
    /** Base address printed in the links; defaults to https://<announced ip>:<port> (http:// without TLS). */
    PUBLIC_URL: z.url().optional(),
    /** How many classrooms may hold the floor (speak) at once in lecture mode. */
    FLOOR_MAX_HOLDERS: z.coerce.number().int().min(1).max(16).default(1),
    /**
     * Most a terminal may send, in kbit/s (all its cameras, courseware and
     * microphones): the SFU tells the browser (REMB) and the browser's
     * encoders share it out. A school on a thin line sets it lower.
     */
    MAX_UPLINK_KBPS: z.coerce.number().int().min(200).max(100_000).default(6000),
    /**
     * Participants one lesson admits at once (the teacher and every paired
     * classroom's terminal). A lesson plan rarely pairs more than eight
     * classrooms; the cap keeps one lesson from exhausting a worker.
     */
    LESSON_MAX_PARTICIPANTS: z.coerce.number().int().min(2).max(500).default(32),
    LESSON_MAX_OBSERVERS: z.coerce.number().int().min(0).max(2000).default(200),
    /** Viewers (观众) of one lesson on this server; a broadcast's larger audience watches its HLS. */
    LESSON_MAX_VIEWERS: z.coerce.number().int().min(0).max(20_000).default(1000),
    /**
     * Receivers' consumers one media worker serves before a lesson's new
     * viewers, observers and inspectors are served from another worker, fed
     * by pipeToRouter (a worker above 70 % of a core counts as full too).
     * bench:capacity measured ~1000 at 70 % of a core on a 2-core machine;
     * 500 is mediasoup's own guidance and leaves room for key-frame bursts.
     */
    WORKER_MAX_CONSUMERS: z.coerce.number().int().min(1).max(100_000).default(500),
    /** Niceness of the media workers: ahead of recordings, the database and the Node process (see media/workerPriority.ts); 0 leaves them as they are. */
    WORKER_NICE: z.coerce.number().int().min(-20).max(19).default(-10),
    /** How long a dropped connection's place is kept for the page to take back (see RESUME_GRACE_MS). */
    RESUME_GRACE_MS: z.coerce.number().int().min(1000).max(600_000).default(RESUME_GRACE_MS),
    /** Tongtang's own TURN relay (coturn), for classrooms whose firewall lets only web traffic out. */
    TURN: z.enum(['on', 'off']).default('on'),
    /** TURN over UDP and TCP. */
    TURN_PORT: port.default(3478),
    /** TURN over TLS: 443 where a school's firewall lets only HTTPS out. */
    TURN_TLS_PORT: port.default(5349),
    /** Secret shared with coturn that signs TURN credentials; unset: created in DATA_DIR/turn/secret. */
    TURN_SECRET: z.string().min(32).optional(),
    /** PEM certificate and key of the TLS port; unset: a self-signed one is made in DATA_DIR/turn. */
    TURN_TLS_CERT: z.string().min(1).optional(),
    TURN_TLS_KEY: z.string().min(1).optional(),
    /** Where lesson recordings are written (录制); a disk of its own keeps a full one from touching the database. */
    RECORDING_DIR: z.string().min(1).optional(),
    /** Most all recordings together may take, in GB; past it a running recording stops with an alarm. */
    RECORDING_BUDGET_GB: z.coerce.number().positive().max(1_000_000).default(1800),
    /** Free space the recordings' disk must keep, in MB; below it a running recording stops with an alarm. */
    RECORDING_MIN_FREE_MB: z.coerce.number().int().min(0).max(100_000_000).default(2048),
    /** Encoder threads of the directed-view job (导播画面), which runs at nice 19 after a lesson; the other cores stay for live lessons. */
    RECORDING_JOB_THREADS: z.coerce.number().int().min(1).max(64).default(1),
    /** 直播输出: the picture height of a broadcast's HLS and RTMP push (16:9), and its video bitrate in kbit/s. */
    LIVE_OUTPUT_HEIGHT: z.coerce.number().int().min(180).max(1080).default(720),
    LIVE_OUTPUT_VIDEO_KBPS: z.coerce.number().int().min(100).max(20_000).default(2000),
    /** Where a broadcast's HLS files are written while it is live (small: 1 s segments, the last 6 kept). */
    LIVE_OUTPUT_DIR: z.string().min(1).optional(),
    /** 推送: the wait before a failed push is tried again, in ms; each next wait doubles (up to 6 hours). */
    WEBHOOK_BACKOFF_MS: z.coerce.number().int().min(10).max(3600_000).default(30_000),
    /** How long a webhook receiver has to answer, in ms. */
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    /** Attempts per push before it is marked failed (重新发送 gives it as many again). */
    WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(30).default(8),
    /**
     * Fixed answers for webhook host names, like curl's --resolve: `host=address`, comma-separated (a host may
     * appear several times). For a LAN without DNS, and tests. Each address is checked like a DNS answer.
     */
    WEBHOOK_RESOLVE: z
      .string()
      .max(4000)
      .optional()
      .refine((list) => resolveEntries(list).every(([host, address]) => /^[a-z0-9.-]+$/.test(host) && ipaddr.isValid(address)), 'must be host=address pairs, comma-separated'),
    /** 课表: the time zone in which the timetable's dates and times are meant (an IANA name). */
    SCHOOL_TIME_ZONE: z.string().refine(isTimeZone, 'not a time zone this Node knows').default('Asia/Shanghai'),
    /** 课表: how many days ahead the timetable's occurrences are made into lessons. */
    TIMETABLE_DAYS_AHEAD: z.coerce.number().int().min(1).max(120).default(14),
    /**
     * For end-to-end tests only: `on` lets the first bureau's admins move the timetable's "now" (`POST /api/test/clock`),
     * and the scheduler and the terminals follow it. Off: that route does not exist. Never on a real server.
     */
    TEST_CLOCK: z.enum(['on', 'off']).default('off'),
    /** `GET /metrics` for Prometheus; `off`: the route answers 404. */
    METRICS: z.enum(['on', 'off']).default('on'),
    /**
     * Client addresses that may scrape `/metrics` (comma-separated addresses or CIDRs). The default is this
     * machine only; a Prometheus elsewhere is named here, e.g. `10.0.0.5` (with METRICS_TOKEN beside it).
     */
    METRICS_ALLOW: z
      .string()
      .max(2000)
      .default('127.0.0.1/8,::1')
      .refine((list) => list.split(',').map((s) => s.trim()).filter(Boolean).every(isAddressOrCidr), 'must be IP addresses or CIDRs, comma-separated'),
    /** Set: a scrape must also send `Authorization: Bearer <this>` (Prometheus's `authorization` setting). */
    METRICS_TOKEN: z.string().min(32).max(256).optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .refine((env) => (env.TLS_CERT === undefined) === (env.TLS_KEY === undefined), { message: 'set both or neither', path: ['TLS_CERT'] })
  .refine((env) => !env.TURN_TLS_CERT === !env.TURN_TLS_KEY, { message: 'set both or neither', path: ['TURN_TLS_CERT'] })
  .refine((env) => env.TURN === 'off' || env.TURN_PORT !== env.TURN_TLS_PORT, { message: 'must differ from TURN_PORT', path: ['TURN_TLS_PORT'] })
  .transform((env) => {
    const tlsActive = env.TLS === 'on' || (env.TLS === 'auto' && env.HOST !== '127.0.0.1');
    const announcedIp = env.RTC_ANNOUNCED_IP ?? (env.RTC_LISTEN_IP === '0.0.0.0' ? lanAddress() : env.RTC_LISTEN_IP);
    return {
      httpPort: env.PORT,
      httpHost: env.HOST,
      rtc: { listenIp: env.RTC_LISTEN_IP, announcedIp, firstPort: env.RTC_PORT },
      workers: env.WORKERS,
      workerMaxConsumers: env.WORKER_MAX_CONSUMERS,
      workerNice: env.WORKER_NICE,
      redisUrl: env.REDIS_URL ?? null,
      serverId: env.SERVER_ID ?? `${hostname()}:${env.PORT}`,
      dataDir: resolve(env.DATA_DIR),
      databaseUrl: env.DATABASE_URL ?? null,
      adminInitialPassword: env.ADMIN_INITIAL_PASSWORD ?? null,
      demo: env.DEMO === 'on',
      auth: {
        secret: env.AUTH_SECRET ?? null,
        trustProxy: (env.TRUST_PROXY ?? '').split(',').map((s) => s.trim()).filter(Boolean),
        accessSeconds: env.ACCESS_TOKEN_SECONDS,
        sessionMs: env.SESSION_HOURS * 3600_000,
        terminalSessionMs: env.TERMINAL_SESSION_DAYS * 86_400_000,
        terminalLinkMs: env.TERMINAL_LINK_DAYS * 86_400_000,
        loginWindowSeconds: env.LOGIN_WINDOW_SECONDS,
        ssoAllowHttp: env.SSO_ALLOW_HTTP === 'on',
        allowedOrigins: (env.ALLOWED_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
        maxConnectionsPerAddress: env.MAX_CONNECTIONS_PER_ADDRESS,
      },
      tls: { active: tlsActive, certFile: env.TLS_CERT ? resolve(env.TLS_CERT) : null, keyFile: env.TLS_KEY ? resolve(env.TLS_KEY) : null },
      publicUrl: (env.PUBLIC_URL ?? `${tlsActive ? 'https' : 'http'}://${env.HOST === '127.0.0.1' ? '127.0.0.1' : announcedIp}:${env.PORT}`).replace(/\/$/, ''),
      floorMaxHolders: env.FLOOR_MAX_HOLDERS,
      maxUplinkBitrate: env.MAX_UPLINK_KBPS * 1000,
      lessonMaxParticipants: env.LESSON_MAX_PARTICIPANTS,
      lessonMaxObservers: env.LESSON_MAX_OBSERVERS,
      lessonMaxViewers: env.LESSON_MAX_VIEWERS,
      resumeGraceMs: env.RESUME_GRACE_MS,
      turn:
        env.TURN === 'on'
          ? {
              port: env.TURN_PORT,
              tlsPort: env.TURN_TLS_PORT,
              secret: env.TURN_SECRET ?? null,
              tlsCert: env.TURN_TLS_CERT ? resolve(env.TURN_TLS_CERT) : null,
              tlsKey: env.TURN_TLS_KEY ? resolve(env.TURN_TLS_KEY) : null,
            }
          : null,
      recording: {
        dir: resolve(env.RECORDING_DIR ?? join(env.DATA_DIR, 'recordings')),
        budgetBytes: Math.round(env.RECORDING_BUDGET_GB * 1024 ** 3),
        minFreeBytes: env.RECORDING_MIN_FREE_MB * 1024 ** 2,
        jobThreads: env.RECORDING_JOB_THREADS,
      },
      liveOutput: {
        dir: resolve(env.LIVE_OUTPUT_DIR ?? join(env.DATA_DIR, 'live')),
        height: env.LIVE_OUTPUT_HEIGHT,
        videoKbps: env.LIVE_OUTPUT_VIDEO_KBPS,
      },
      webhooks: {
        backoffMs: env.WEBHOOK_BACKOFF_MS,
        timeoutMs: env.WEBHOOK_TIMEOUT_MS,
        maxAttempts: env.WEBHOOK_MAX_ATTEMPTS,
        resolve: resolveEntries(env.WEBHOOK_RESOLVE).reduce((map, [host, address]) => map.set(host, [...(map.get(host) ?? []), address]), new Map<string, string[]>()),
      },
      timetable: { timeZone: env.SCHOOL_TIME_ZONE, daysAhead: env.TIMETABLE_DAYS_AHEAD },
      testClock: env.TEST_CLOCK === 'on',
      metrics: {
        enabled: env.METRICS === 'on',
        allow: env.METRICS_ALLOW.split(',').map((s) => s.trim()).filter(Boolean),
        token: env.METRICS_TOKEN ?? null,
      },
      logLevel: env.LOG_LEVEL,
      /** What must never be printed: the logger and the start-up error scrub these. */
      secrets: [
        ...[env.REDIS_URL, env.DATABASE_URL].map((url) => (url ? decodeURIComponent(new URL(url).password) : '')),
        env.AUTH_SECRET ?? '',
        env.ADMIN_INITIAL_PASSWORD ?? '',
        env.METRICS_TOKEN ?? '',
      ].filter(Boolean),
    };
  });

export type Config = z.output<typeof configSchema>;

/** Thrown for a configuration that cannot work; main prints its message as the one line. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the configuration; the error names every bad variable in one line. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as in a .env file with KEY= .
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = configSchema.safeParse(present);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`bad configuration — ${problems.join('; ')}`);
}
