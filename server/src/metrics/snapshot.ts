import type { ServerRoster } from '../redis/serverRoster.js';
import { lessonStatusSchema, roleSchema, type LessonStatus, type Role } from '@shared';
import type { Db } from '../db/database.js';
import type { RecordingService } from '../features/recording/RecordingService.js';
import type { LessonRegistry } from '../lesson/LessonRegistry.js';
import { countMedia, type MediaCounts } from '../media/mediaCounts.js';
import type { WorkerPool } from '../media/workerPool.js';

/** Where the numbers of /metrics come from: the server's live objects and its SQL store. */
export interface MetricSources {
  lessons: LessonRegistry;
  pool: WorkerPool;
  recordings: RecordingService;
  db: Db;
  roster: ServerRoster;
}

/** One media worker as /metrics shows it. */
export interface WorkerFigures extends MediaCounts {
  index: number;
  pid: number;
  userSeconds: number;
  systemSeconds: number;
  pipes: number;
}

/** Everything one scrape reports, taken at once so the gauges agree with each other. */
export interface Snapshot {
  lessons: Record<LessonStatus, number>;
  participants: Record<Role, number>;
  workers: WorkerFigures[];
  recordingLessons: number;
  /** Jobs after a lesson not yet done (ready ones are no longer work): 导播画面 and 微课, by status. */
  jobs: Array<{ job: 'directed_view' | 'clip'; status: string; count: number }>;
  /** 推送 outbox rows not delivered. */
  webhookDeliveries: { pending: number; failed: number };
}

const zeroes = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** Reads the live state now: the lessons on this server, the workers' own counts and usage, the job and outbox rows. */
export async function takeSnapshot(sources: MetricSources): Promise<Snapshot> {
  const lessons = zeroes(lessonStatusSchema.options);
  const participants = zeroes(roleSchema.options);
  for (const lesson of await sources.lessons.openLessons()) {
    lessons[lesson.status]++;
    for (const participant of lesson.participants.values()) participants[participant.view.role]++;
  }
  const workers: WorkerFigures[] = [];
  for (const w of sources.pool.liveWorkers()) {
    // A worker that dies between the list and the question is left out of this scrape.
    const usage = await w.worker.getResourceUsage().catch(() => null);
    if (!usage) continue;
    const counts = await countMedia(w.routers);
    // mediasoup reports CPU time in ms.
    workers.push({ index: w.index, pid: w.worker.pid, userSeconds: usage.ru_utime / 1000, systemSeconds: usage.ru_stime / 1000, pipes: w.pipes.size, ...counts });
  }
  return { lessons, participants, workers, recordingLessons: sources.recordings.recordingLessons, jobs: await jobCounts(sources.db), webhookDeliveries: await outbox(sources.db) };
}

/** The count of `status` among grouped rows (0 when no row has it). */
const countOf = (rows: ReadonlyArray<{ status: string; count: number }>, status: string): number => rows.find((r) => r.status === status)?.count ?? 0;

async function jobCounts(db: Db): Promise<Snapshot['jobs']> {
  const directed = await db
    .selectFrom('recording')
    .select(['directed_status as status', (eb) => eb.fn.countAll<number>().as('count')])
    .where('directed_status', '!=', 'ready')
    .groupBy('directed_status')
    .execute();
  const clips = await db
    .selectFrom('clip')
    .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
    .where('status', '!=', 'ready')
    .groupBy('status')
    .execute();
  return [
    ...['waiting', 'rendering', 'failed'].map((status) => ({ job: 'directed_view' as const, status, count: countOf(directed, status) })),
    ...['making', 'failed'].map((status) => ({ job: 'clip' as const, status, count: countOf(clips, status) })),
  ];
}

async function outbox(db: Db): Promise<Snapshot['webhookDeliveries']> {
  const rows = await db
    .selectFrom('webhook_delivery')
    .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
    .where('status', '!=', 'delivered')
    .groupBy('status')
    .execute();
  return { pending: countOf(rows, 'pending'), failed: countOf(rows, 'failed') };
}
