import type { Consumer } from 'mediasoup/node/lib/Consumer.js';
import type { PipeTransport } from 'mediasoup/node/lib/PipeTransport.js';
import type { Producer } from 'mediasoup/node/lib/Producer.js';
import type { Router } from 'mediasoup/node/lib/Router.js';
import type { MediaKind, RtpParameters } from 'mediasoup/node/lib/RtpParameters.js';
import type { SrtpParameters } from 'mediasoup/node/lib/SrtpParameters.js';
import { ErrorCode, LessonError } from '@shared';
import type { Logger } from '../log.js';
import type { ServerRpc } from './serverRpc.js';

/** Where this server's pipe transports listen, and the address the other servers reach them at. */
export interface PipeAddress {
  listenIp: string;
  announcedIp: string;
}

/** One end of a pipe between two servers, as the other end connects to it. */
export interface PipeEnd {
  transportId: string;
  ip: string;
  port: number;
  srtpParameters: SrtpParameters;
}

/** A producer of another server's page as the pipe carries it. */
export interface PipedProducer {
  kind: MediaKind;
  rtpParameters: RtpParameters;
  paused: boolean;
}

/** What the pipes need of their lesson. */
export interface PipedLesson {
  readonly record: { id: string };
  readonly router: Router;
  readonly serverViewers: Map<string, Consumer>;
  readonly logger: Logger;
  /** A producer of this server's own pages in this lesson. */
  ownsProducer(producerId: string): boolean;
  /** Its sender's layers are re-decided (a pipe wants the top layer: the other server's receivers may show it large). */
  layersChanged(producerId: string): void;
}

/** Pipe transports carry SRTP: between schools' servers the lesson's pictures cross a network that is not the SFU's own. */
const pipeOptions = (address: PipeAddress) => ({ listenIp: { ip: address.listenIp, announcedIp: address.announcedIp }, enableSrtp: true, enableRtx: false, enableSctp: false });

const endOf = (transport: PipeTransport): PipeEnd => ({ transportId: transport.id, ip: transport.tuple.localIp, port: transport.tuple.localPort, srtpParameters: transport.srtpParameters! });

/**
 * The lesson's producers that other servers' pages receive (issue 18,
 * several servers): each server that asks gets a pipe transport on this
 * lesson's router, and each producer it asks for is consumed into it once —
 * its receivers there (however many) are that server's business. The pipe's
 * consumer counts as a viewer of the top layer, so the sender keeps encoding
 * what the other server's pages may show large.
 */
export class PipesOut {
  private readonly transports = new Map<string, { transport: PipeTransport; from: string }>();

  constructor(
    private readonly lesson: PipedLesson,
    private readonly rpc: ServerRpc,
    private readonly address: PipeAddress,
  ) {}

  async open(from: string, end: Omit<PipeEnd, 'transportId'>): Promise<PipeEnd> {
    const transport = await this.lesson.router.createPipeTransport(pipeOptions(this.address));
    try {
      await transport.connect({ ip: end.ip, port: end.port, srtpParameters: end.srtpParameters });
    } catch (error) {
      transport.close();
      throw new LessonError(ErrorCode.BadRequest, `cannot connect the pipe: ${(error as Error).message}`);
    }
    this.transports.set(transport.id, { transport, from });
    transport.observer.once('close', () => this.transports.delete(transport.id));
    return endOf(transport);
  }

  async consume(from: string, transportId: string, producerId: string): Promise<PipedProducer> {
    const entry = this.transports.get(transportId);
    if (!entry || entry.from !== from) throw new LessonError(ErrorCode.NotFound, `no pipe ${transportId} of server ${from} in this lesson`);
    if (!this.lesson.ownsProducer(producerId)) throw new LessonError(ErrorCode.NotFound, `no producer ${producerId} of this server's pages in this lesson`);
    const consumer = await entry.transport.consume({ producerId, appData: { place: 'main' } });
    const key = `${producerId}:pipe:${from}`;
    this.lesson.serverViewers.set(key, consumer);
    this.lesson.layersChanged(producerId);
    consumer.observer.once('close', () => {
      if (this.lesson.serverViewers.get(key) === consumer) this.lesson.serverViewers.delete(key);
      this.lesson.layersChanged(producerId);
    });
    // The other server's copy pauses with this one (a microphone the floor closed sends nothing, and says so).
    const tell = (paused: boolean) => () =>
      void this.rpc.call(from, 'pipe.paused', { lessonId: this.lesson.record.id, producerId, paused }).catch((error: Error) =>
        this.lesson.logger.warn({ server: from, producerId, err: error.message }, 'could not tell a server a piped producer paused'),
      );
    consumer.on('producerpause', tell(true));
    consumer.on('producerresume', tell(false));
    return { kind: consumer.kind, rtpParameters: consumer.rtpParameters, paused: consumer.producerPaused };
  }

  /** The other server let its end go (its lesson closed) or left. */
  closeFrom(from: string): void {
    for (const { transport, from: owner } of [...this.transports.values()]) if (owner === from) transport.close();
  }

  close(): void {
    for (const { transport } of [...this.transports.values()]) transport.close();
  }
}

/**
 * Producers of other servers' pages, made producers of this lesson's router
 * (with their own ids) so its pages consume them like any other. One pipe
 * transport per server, opened when the first of its producers is wanted;
 * each producer is piped once.
 */
export class PipesIn {
  private readonly links = new Map<string, Promise<{ transport: PipeTransport; remoteId: string }>>();
  private readonly producers = new Map<string, { from: string; producer: Promise<Producer> }>();

  constructor(
    private readonly lesson: PipedLesson,
    private readonly rpc: ServerRpc,
    private readonly address: PipeAddress,
  ) {}

  /** Makes producer `producerId` of server `from`'s pages a producer of this lesson's router; resolves once it is one. */
  async bring(producerId: string, from: string, appData: Record<string, unknown>): Promise<void> {
    let entry = this.producers.get(producerId);
    if (!entry) {
      entry = { from, producer: this.pipe(producerId, from, appData) };
      this.producers.set(producerId, entry);
      const mine = entry;
      mine.producer.then(
        (producer) => producer.observer.once('close', () => this.producers.get(producerId) === mine && this.producers.delete(producerId)),
        () => this.producers.get(producerId) === mine && this.producers.delete(producerId),
      );
    }
    await entry.producer;
  }

  /** The piped copy pauses or resumes with its producer on the other server. */
  async setPaused(from: string, producerId: string, paused: boolean): Promise<void> {
    const entry = this.producers.get(producerId);
    if (!entry || entry.from !== from) return;
    const producer = await entry.producer;
    if (paused) await producer.pause();
    else await producer.resume();
  }

  /** Its producer closed on its server: the copy closes, and with it every consumer of it here. */
  drop(producerId: string): void {
    const entry = this.producers.get(producerId);
    this.producers.delete(producerId);
    void entry?.producer.then((producer) => producer.close(), () => undefined);
  }

  /** A server left: its pipe and what came through it close. */
  dropServer(serverId: string): void {
    for (const [id, entry] of [...this.producers]) if (entry.from === serverId) this.drop(id);
    const link = this.links.get(serverId);
    this.links.delete(serverId);
    void link?.then(({ transport }) => transport.close(), () => undefined);
  }

  /** The lesson closes here: the other servers may let their ends go. */
  close(): void {
    for (const [serverId, link] of this.links) {
      void link.then(({ transport, remoteId }) => {
        transport.close();
        return this.rpc.call(serverId, 'pipe.close', { lessonId: this.lesson.record.id, transportId: remoteId });
      }).catch(() => undefined);
    }
    this.links.clear();
    this.producers.clear();
  }

  private async pipe(producerId: string, from: string, appData: Record<string, unknown>): Promise<Producer> {
    for (let attempt = 0; ; attempt++) {
      const { transport, remoteId } = await this.linkTo(from);
      try {
        const piped = await this.rpc.call<PipedProducer>(from, 'pipe.consume', { lessonId: this.lesson.record.id, transportId: remoteId, producerId });
        return await transport.produce({ id: producerId, kind: piped.kind, rtpParameters: piped.rtpParameters, paused: piped.paused, appData: { ...appData, pipedFrom: from } });
      } catch (error) {
        // The other end was let go (its lesson closed and opened again there): one new pipe, then give up.
        if (attempt > 0 || !(error instanceof LessonError) || error.code !== ErrorCode.NotFound || !String(error.message).startsWith('no pipe')) throw error;
        this.links.delete(from);
        transport.close();
      }
    }
  }

  private linkTo(serverId: string): Promise<{ transport: PipeTransport; remoteId: string }> {
    const existing = this.links.get(serverId);
    if (existing) return existing;
    const link = (async () => {
      const transport = await this.lesson.router.createPipeTransport(pipeOptions(this.address));
      try {
        const { ip, port, srtpParameters } = endOf(transport);
        const theirs = await this.rpc.call<PipeEnd>(serverId, 'pipe.open', { lessonId: this.lesson.record.id, ip, port, srtpParameters });
        await transport.connect({ ip: theirs.ip, port: theirs.port, srtpParameters: theirs.srtpParameters });
        transport.observer.once('close', () => this.links.get(serverId) === link && this.links.delete(serverId));
        return { transport, remoteId: theirs.transportId };
      } catch (error) {
        transport.close();
        throw error;
      }
    })();
    this.links.set(serverId, link);
    link.catch(() => this.links.get(serverId) === link && this.links.delete(serverId));
    return link;
  }
}
