import { networkInterfaces, cpus } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import { RESUME_GRACE_MS } from '@shared';

/** The first non-internal IPv4 address, so classrooms on the school LAN can reach the SFU with no setting. */
function lanAddress(): string {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) if (address.family === 'IPv4' && !address.internal) return address.address;
  }
  return '127.0.0.1';
}

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
    DATA_DIR: z.string().min(1).default('data'),
    /** Bearer token for the lesson-management API; empty disables the API. */
    ADMIN_TOKEN: z.string().min(16).optional(),
    /** Base address printed in the links; defaults to http://<announced ip>:<port>. */
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
    /** How long a dropped connection's place is kept for the page to take back (see RESUME_GRACE_MS). */
    RESUME_GRACE_MS: z.coerce.number().int().min(1000).max(600_000).default(RESUME_GRACE_MS),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .transform((env) => {
    const announcedIp = env.RTC_ANNOUNCED_IP ?? (env.RTC_LISTEN_IP === '0.0.0.0' ? lanAddress() : env.RTC_LISTEN_IP);
    return {
      httpPort: env.PORT,
      httpHost: env.HOST,
      rtc: { listenIp: env.RTC_LISTEN_IP, announcedIp, firstPort: env.RTC_PORT },
      workers: env.WORKERS,
      redisUrl: env.REDIS_URL ?? null,
      dataDir: resolve(env.DATA_DIR),
      adminToken: env.ADMIN_TOKEN ?? null,
      publicUrl: (env.PUBLIC_URL ?? `http://${env.HOST === '127.0.0.1' ? '127.0.0.1' : announcedIp}:${env.PORT}`).replace(/\/$/, ''),
      floorMaxHolders: env.FLOOR_MAX_HOLDERS,
      maxUplinkBitrate: env.MAX_UPLINK_KBPS * 1000,
      lessonMaxParticipants: env.LESSON_MAX_PARTICIPANTS,
      resumeGraceMs: env.RESUME_GRACE_MS,
      logLevel: env.LOG_LEVEL,
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
