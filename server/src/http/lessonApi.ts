import { timingSafeEqual } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import type { Consumer } from 'mediasoup/node/lib/Consumer.js';
import type { WebRtcTransport } from 'mediasoup/node/lib/WebRtcTransport.js';
import { newLessonSchema, videoPlaceSchema, type ConsumerView, type LiveLesson, type MediaView } from '@shared';
import { createLesson, lessonLinks } from '../db/lessonPlans.js';
import type { Lesson } from '../lesson/Lesson.js';
import type { Services } from '../features/context.js';
import { streamLessonEvents } from './lessonEvents.js';

/**
 * The lesson-management API (schedule a paired lesson, read its links), for
 * the bureau's scheduling and for tests. Bearer ADMIN_TOKEN; off without one.
 */
export function lessonApi(services: Pick<Services, 'db' | 'live' | 'hands' | 'floors' | 'lessons'>, adminToken: string | null, publicUrl: string): Router {
  const { db } = services;
  const api = express.Router();
  api.use(express.json({ limit: '64kb' }));
  api.use((req, res, next) => {
    const given = Buffer.from(req.get('authorization')?.replace(/^Bearer /, '') ?? '');
    const expected = Buffer.from(adminToken ?? '');
    if (!adminToken || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.status(401).json({ ok: false, error: { code: 'UNAUTHORIZED', message: 'admin token required' } });
      return;
    }
    next();
  });
  api.post('/lessons', async (req: Request, res: Response) => {
    const parsed = newLessonSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ ok: false, error: { code: 'BAD_REQUEST', message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') } });
      return;
    }
    try {
      await createLesson(db, parsed.data);
    } catch (error) {
      res.status(409).json({ ok: false, error: { code: 'BAD_REQUEST', message: `cannot create the lesson: ${(error as Error).message}` } });
      return;
    }
    res.status(201).json({ ok: true, data: await lessonLinks(db, parsed.data.id, publicUrl) });
  });
  api.get('/lessons/:id/links', async (req: Request, res: Response) => {
    const links = await lessonLinks(db, String(req.params['id']), publicUrl);
    if (!links) res.status(404).json({ ok: false, error: { code: 'NOT_FOUND', message: 'no such lesson' } });
    else res.json({ ok: true, data: links });
  });
  /** The live state of a lesson as Redis holds it: for inspection (巡课) and for tests. */
  api.get('/lessons/:id/live', async (req: Request, res: Response) => {
    const lessonId = String(req.params['id']);
    const [status, participants, hands, floor] = await Promise.all([
      services.live.status(lessonId),
      services.live.participants(lessonId),
      services.hands.list(lessonId),
      services.floors.get(lessonId),
    ]);
    res.json({ ok: true, data: { status, participants, hands, floor } satisfies LiveLesson });
  });
  /**
   * What each receiver gets: the SFU's estimate of its downlink, and per
   * consumer its source, where it is shown, the simulcast layer asked for and
   * the one the SFU forwards now.
   */
  /** The live lesson's events as they happen (server-sent events; see lessonEvents.ts). */
  api.get('/lessons/:id/events', async (req: Request, res: Response) => {
    const lesson = await services.lessons.find(String(req.params['id']));
    if (!lesson) {
      res.status(404).json({ ok: false, error: { code: 'NOT_FOUND', message: 'the lesson is not live on this server' } });
      return;
    }
    streamLessonEvents(lesson, req, res);
  });
  api.get('/lessons/:id/media', async (req: Request, res: Response) => {
    const lesson = await services.lessons.find(String(req.params['id']));
    if (!lesson) {
      res.status(404).json({ ok: false, error: { code: 'NOT_FOUND', message: 'the lesson is not live on this server' } });
      return;
    }
    const receivers = await Promise.all(
      [...lesson.participants.values()].map(async (participant) => ({
        participantId: participant.id,
        downlinkEstimateKbps: await downlinkEstimateKbps(participant.media.transports.values()),
        consumers: [...participant.media.consumers.values()].map(({ consumer }) => consumerView(lesson, consumer)),
      })),
    );
    res.json({ ok: true, data: { receivers } satisfies MediaView });
  });
  return api;
}

/** One consumer for the media view: whose track, where it is shown, the layer asked for and the one forwarded. */
function consumerView(lesson: Lesson, consumer: Consumer): ConsumerView {
  const sender = lesson.findProducer(consumer.producerId);
  return {
    producerId: consumer.producerId,
    from: sender?.owner.id ?? null,
    source: sender?.track.source ?? null,
    kind: consumer.kind,
    place: consumer.kind === 'video' ? (videoPlaceSchema.safeParse(consumer.appData['place']).data ?? null) : null,
    paused: consumer.paused || consumer.producerPaused,
    preferredSpatialLayer: consumer.preferredLayers?.spatialLayer ?? null,
    currentSpatialLayer: consumer.currentLayers?.spatialLayer ?? null,
    currentTemporalLayer: consumer.currentLayers?.temporalLayer ?? null,
  };
}

/** The SFU's bandwidth estimate towards a participant (its receive transport), in kbit/s; null before it has one. */
async function downlinkEstimateKbps(transports: Iterable<WebRtcTransport>): Promise<number | null> {
  for (const transport of transports) {
    if (transport.appData['direction'] !== 'recv' || transport.closed) continue;
    const [stats] = await transport.getStats().catch(() => []);
    const bitrate = stats?.availableOutgoingBitrate;
    return typeof bitrate === 'number' ? Math.round(bitrate / 1000) : null;
  }
  return null;
}
