import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { InboundTrackStats } from '../../client/src/features/media/mediaStats.js';

/** The links of a freshly scheduled paired lesson. */
export interface Links {
  lessonId: string;
  teacher: string;
  classrooms: Array<{ classroomId: string; name: string; url: string }>;
}

export const serverUrl = (): string => process.env['TONGTANG_URL'] ?? 'http://127.0.0.1:3000';

/** A server to talk to: the run's shared one unless a test started its own. */
export interface Target {
  url: string;
  adminToken: string;
}

const sharedServer = (): Target => ({ url: serverUrl(), adminToken: process.env['TONGTANG_ADMIN_TOKEN'] ?? '' });

let counter = 0;

/** Schedules a new lesson through the management API: the host classroom plus two paired classrooms of the demo schools. */
export async function scheduleLesson(title = '测试课', target: Target = sharedServer()): Promise<Links> {
  const id = `e2e-${Date.now().toString(36)}-${counter++}`;
  const response = await fetch(`${target.url}/api/lessons`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${target.adminToken}` },
    body: JSON.stringify({ id, title, teacherName: '李老师', hostClassroomId: 'chengguan-4-1', classroomIds: ['shanping-4', 'hewan-4-2'] }),
  });
  if (!response.ok) throw new Error(`cannot schedule a lesson: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { data: Links };
  return body.data;
}

const openContexts: BrowserContext[] = [];

/** Opens a link in its own browser context (its own "computer"); closed by `closeOpenedPages` after the test. */
export async function openPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext();
  openContexts.push(context);
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') console.log(`[page ${new URL(url).pathname}] ${message.text()}`);
  });
  await page.goto(url);
  return page;
}

/**
 * Closes every page a test opened. Without it a finished test's classrooms
 * keep encoding and decoding video through every later test, and the two
 * cores of this machine end up measuring the pile-up.
 */
export async function closeOpenedPages(): Promise<void> {
  await Promise.all(openContexts.splice(0).map((context) => context.close().catch(() => undefined)));
}

/** One receive-side getStats row per received track, as the page's media service reports it. */
export type Inbound = InboundTrackStats;

export function inboundStats(page: Page): Promise<Inbound[]> {
  return page.evaluate(async () => {
    const tongtang = (window as unknown as { tongtang?: { media: { inboundStats(): Promise<unknown[]> } } }).tongtang;
    return (tongtang ? await tongtang.media.inboundStats() : []) as never;
  });
}

/** A consumer as the server holds it: where its receiver shows it, and the layer the SFU sends. */
export interface ServerConsumer {
  producerId: string;
  from: string | null;
  source: string | null;
  kind: string;
  place: string | null;
  paused: boolean;
  preferredSpatialLayer: number | null;
  currentSpatialLayer: number | null;
  currentTemporalLayer: number | null;
}

/** One receiver as GET /api/lessons/:id/media shows it (server truth). */
export interface ServerReceiver {
  participantId: string;
  downlinkEstimateKbps: number | null;
  consumers: ServerConsumer[];
}

/** A receiver of a live lesson, from the server; null if the lesson or the receiver is not there. */
export async function serverReceiver(lessonId: string, receiverId: string, target: Target = sharedServer()): Promise<ServerReceiver | null> {
  const response = await fetch(`${target.url}/api/lessons/${lessonId}/media`, { headers: { authorization: `Bearer ${target.adminToken}` } });
  if (!response.ok) return null;
  const { data } = (await response.json()) as { data: { receivers: ServerReceiver[] } };
  return data.receivers.find((r) => r.participantId === receiverId) ?? null;
}

/** Every consumer of one receiver. */
export async function serverConsumers(lessonId: string, receiverId: string, target: Target = sharedServer()): Promise<ServerConsumer[]> {
  return (await serverReceiver(lessonId, receiverId, target))?.consumers ?? [];
}

/** The simulcast layer a receiver asked for from a sender's camera. */
export async function preferredLayer(lessonId: string, receiverId: string, senderId: string, target: Target = sharedServer()): Promise<number | null> {
  const consumer = (await serverConsumers(lessonId, receiverId, target)).find((c) => c.from === senderId && c.kind === 'video');
  return consumer?.preferredSpatialLayer ?? null;
}

/** Media objects the workers hold, from their own dumps via /healthz. */
export async function mediaCounts(): Promise<{ routers: number; transports: number; producers: number; consumers: number }> {
  const health = (await (await fetch(`${serverUrl()}/healthz`)).json()) as { media: { routers: number; transports: number; producers: number; consumers: number } };
  return health.media;
}
