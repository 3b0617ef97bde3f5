import type { Redis } from 'ioredis';
import { z } from 'zod';
import { ErrorCode, LessonError, serverNoticeSchema } from '@shared';
import { scheduleSendLayers } from '../features/media/sendLayers.js';
import type { Lesson } from '../lesson/Lesson.js';
import type { Logger } from '../log.js';
import type { PipeAddress } from './lessonPipes.js';
import { busChannel, LessonLink } from './LessonLink.js';
import { ServerRpc } from './serverRpc.js';

const BUS_PATTERN = busChannel('*');

/** A notice for the lesson's pages, or (`to`) for one participant's. */
const busMessageSchema = z.object({ from: z.string().min(1).max(200), to: z.string().max(200).optional(), notice: serverNoticeSchema });
const srtpSchema = z.object({ cryptoSuite: z.enum(['AEAD_AES_256_GCM', 'AEAD_AES_128_GCM', 'AES_CM_128_HMAC_SHA1_80', 'AES_CM_128_HMAC_SHA1_32']), keyBase64: z.string().max(200) });
const pipeOpenSchema = z.object({ lessonId: z.string().max(200), ip: z.string().max(64), port: z.number().int().min(1).max(65535), srtpParameters: srtpSchema });
const pipeConsumeSchema = z.object({ lessonId: z.string().max(200), transportId: z.string().max(64), producerId: z.string().max(64) });
const pipePausedSchema = z.object({ lessonId: z.string().max(200), producerId: z.string().max(64), paused: z.boolean() });
/** A call that names only its lesson. */
const lessonOnlySchema = z.object({ lessonId: z.string().max(200) });

/** A server's call checked like a page's request: a malformed one is refused and changes nothing. */
function parsed<T>(schema: z.ZodType<T>, params: unknown): T {
  const result = schema.safeParse(params);
  if (!result.success) throw new LessonError(ErrorCode.BadRequest, `bad call: ${result.error.issues[0]?.message ?? 'invalid'}`);
  return result.data;
}

/**
 * This server's part in the lessons it shares with other servers (issue 18,
 * several servers sharing one Redis). One subscriber connection carries the
 * lessons' buses and this server's calls; each lesson opened here gets a
 * LessonLink. A server alone on its Redis pays one PUBLISH per notice and
 * a small Redis hash per lesson's tracks, nothing else.
 */
export class Federation {
  private readonly links = new Map<string, LessonLink>();
  readonly rpc: ServerRpc;

  private constructor(
    private readonly redis: Redis,
    private readonly subscriber: Redis,
    readonly serverId: string,
    private readonly pipeAddress: PipeAddress,
    private readonly alive: () => Set<string>,
    private readonly logger: Logger,
  ) {
    this.rpc = new ServerRpc(redis, serverId, logger);
    this.rpc.handle('pipe.open', async (params, from) => {
      const { lessonId, ...end } = parsed(pipeOpenSchema, params);
      return this.linkOf(lessonId).pipesOut.open(from, end);
    });
    this.rpc.handle('pipe.consume', async (params, from) => {
      const { lessonId, transportId, producerId } = parsed(pipeConsumeSchema, params);
      return this.linkOf(lessonId).pipesOut.consume(from, transportId, producerId);
    });
    this.rpc.handle('pipe.paused', async (params, from) => {
      const { lessonId, producerId, paused } = parsed(pipePausedSchema, params);
      await this.links.get(lessonId)?.pipesIn.setPaused(from, producerId, paused);
      return {};
    });
    this.rpc.handle('lesson.directed', async (params) => this.linkOf(parsed(lessonOnlySchema, params).lessonId).ownDirecting());
    this.rpc.handle('pipe.close', async (params, from) => {
      this.links.get(parsed(lessonOnlySchema, params).lessonId)?.pipesOut.closeFrom(from);
      return {};
    });
  }

  /** Subscribes to every lesson's bus and this server's calls (a connection of its own: a subscribed one can do nothing else). */
  static async start(options: { redis: Redis; serverId: string; pipeAddress: PipeAddress; alive: () => Set<string>; logger: Logger }): Promise<Federation> {
    const subscriber = options.redis.duplicate();
    subscriber.on('error', () => undefined); // a Redis outage is reported by health and the roster
    await subscriber.connect();
    const federation = new Federation(options.redis, subscriber, options.serverId, options.pipeAddress, options.alive, options.logger);
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === federation.rpc.channel) federation.rpc.receive(message);
    });
    subscriber.on('pmessage', (_pattern: string, channel: string, message: string) => federation.fromBus(channel, message));
    await subscriber.subscribe(federation.rpc.channel);
    await subscriber.psubscribe(BUS_PATTERN);
    return federation;
  }

  /** Links a lesson opened here to its parts on other servers; resolves once it knows them (before its first page is answered). */
  async attach(lesson: Lesson, participants: Parameters<LessonLink['load']>[0]): Promise<void> {
    const server = { serverId: this.serverId, redis: this.redis, rpc: this.rpc, pipeAddress: this.pipeAddress, alive: this.alive };
    const link = new LessonLink(lesson, server, (producerId) => scheduleSendLayers(lesson, producerId));
    this.links.set(lesson.record.id, link);
    lesson.link = link;
    lesson.on('participantjoined', (participant) => link.arrivedHere(participant.id));
    const forget = (): void => void link.forgetOwnTracks().catch((error: Error) => lesson.logger.warn({ err: error.message }, 'could not tell the other servers the tracks a dead worker took'));
    lesson.on('mediaunavailable', forget);
    lesson.on('routerchanged', forget);
    lesson.on('closed', () => {
      link.close();
      if (this.links.get(lesson.record.id) === link) this.links.delete(lesson.record.id);
    });
    await link.load(participants);
  }

  /** A server left: every lesson here forgets its pages. */
  serverLeft(serverId: string): void {
    for (const link of this.links.values()) link.serverLeft(serverId);
  }

  async close(): Promise<void> {
    for (const link of this.links.values()) link.close();
    this.links.clear();
    this.subscriber.disconnect();
  }

  private linkOf(lessonId: string): LessonLink {
    const link = this.links.get(lessonId);
    if (!link) throw new LessonError(ErrorCode.NotFound, `lesson ${lessonId} is not open on server ${this.serverId}`);
    return link;
  }

  private fromBus(channel: string, raw: string): void {
    const lessonId = channel.slice(busChannel('').length);
    const link = this.links.get(lessonId);
    if (!link) return;
    let message: z.infer<typeof busMessageSchema>;
    try {
      const parsedJson: unknown = JSON.parse(raw);
      // This server hears its own notices too: dropped before the schema walks them.
      if ((parsedJson as { from?: unknown } | null)?.from === this.serverId) return;
      message = busMessageSchema.parse(parsedJson);
    } catch {
      this.logger.warn({ lessonId }, 'ignored a malformed message on a lesson bus');
      return;
    }
    if (message.to) link.receiveFor(message.to, message.notice);
    else link.receive(message.from, message.notice);
  }
}
