import { Device } from 'mediasoup-client';
import type { Consumer, Transport } from 'mediasoup-client/types';
import { serverNoticeSchema, type JoinedLesson, type PublishedTrack, type VideoPlace } from '@shared';
import { openSocket, request, type LessonSocket } from '../lesson/connection';
import { inboundRows, type InboundTrackStats } from '../media/mediaStats';
import { pathEntries } from '../media/statsReport';

/** Which picture of a lesson its tile shows: the teacher first, then the class, then what else there is. */
const pictureOrder = ['teacher', 'students', 'courseware', 'document'];

/** What a watcher shows of its lesson now: a small tile, the large view, or nothing (another lesson is large). */
export type WatchedAs = 'tile' | 'large' | 'unseen';

const placeOf: Record<WatchedAs, VideoPlace> = { tile: 'tile', large: 'main', unseen: 'hidden' };

/**
 * One lesson of the inspection grid (巡课), watched unseen: its own
 * signalling connection joined as `inspector` (nobody in the lesson lists,
 * counts or is told of it), its own receive transport, one picture and the
 * lesson's sound. Every tile is its own connection because every lesson is
 * its own router; a lesson's state never leaks into another tile.
 *
 * Sound is paused at the SFU unless this lesson is the one selected, so the
 * admin hears one classroom and the eight others cost no downlink; the
 * picture is the lowest simulcast layer in a tile, the top one when large,
 * and paused while another lesson is large.
 */
export class LessonWatcher {
  private readonly socket: LessonSocket;
  private transport: Transport | null = null;
  private readonly consumers = new Map<string, Consumer>();
  private picture: PublishedTrack | null = null;
  private heard = false;
  private watchedAs: WatchedAs = 'tile';
  private closed = false;
  /** The tile's picture and sound, for its <video> and <audio>. */
  readonly stream = new MediaStream();
  readonly sound = new MediaStream();

  constructor(
    readonly lessonId: string,
    /** Called when what the tile shows changed (a picture arrived or went), or when it failed for good. */
    private readonly changed: (problem: string | null) => void,
  ) {
    this.socket = openSocket();
    this.socket.on('notice', (raw: unknown) => this.onNotice(raw));
    // Socket.IO comes back by itself after a network loss; the place is taken again from scratch.
    this.socket.on('connect', () => void this.join().catch((error: unknown) => this.fail(error)));
  }

  /** Hears this lesson (the one selected) or not. */
  setHeard(heard: boolean): void {
    this.heard = heard;
    for (const consumer of this.consumers.values()) if (consumer.kind === 'audio') this.place(consumer, heard ? 'main' : 'hidden');
  }

  setWatchedAs(watchedAs: WatchedAs): void {
    this.watchedAs = watchedAs;
    for (const consumer of this.consumers.values()) if (consumer.kind === 'video') this.place(consumer, placeOf[watchedAs]);
  }

  /** Receive-side statistics of this lesson's picture and sound (for the end-to-end tests). */
  async stats(): Promise<InboundTrackStats[]> {
    const transport = this.transport;
    if (!transport || transport.closed) return [];
    const all = [...(await transport.getStats()).values()] as Array<Record<string, unknown>>;
    const pairs = pathEntries(all);
    return inboundRows(
      [...this.consumers].map(([producerId, consumer]) => {
        const inbound = all.find((entry) => entry['type'] === 'inbound-rtp' && entry['trackIdentifier'] === consumer.track.id);
        return { producerId, participantId: String(consumer.appData['participantId'] ?? ''), source: null, kind: consumer.kind, entries: inbound ? [inbound, ...pairs] : pairs };
      }),
    );
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.transport?.close();
    this.socket.disconnect();
  }

  private async join(): Promise<void> {
    this.transport?.close();
    this.consumers.clear();
    for (const track of [...this.stream.getTracks(), ...this.sound.getTracks()]) {
      this.stream.removeTrack(track);
      this.sound.removeTrack(track);
    }
    this.picture = null;
    const joined = await request(this.socket, { type: 'joinLesson', lessonId: this.lessonId, role: 'inspector' });
    if (this.closed) return;
    const device = new Device();
    await device.load({ routerRtpCapabilities: (joined as JoinedLesson).routerRtpCapabilities });
    await request(this.socket, { type: 'declareCapabilities', rtpCapabilities: device.rtpCapabilities });
    const options = await request(this.socket, { type: 'createTransport', direction: 'recv' });
    const transport = device.createRecvTransport({ ...options, iceServers: joined.iceServers });
    transport.on('connect', ({ dtlsParameters }, done, fail) => {
      request(this.socket, { type: 'connectTransport', transportId: transport.id, dtlsParameters }).then(() => done(), fail);
    });
    this.transport = transport;
    await Promise.all(joined.tracks.map((track) => this.receive(track)));
    this.changed(null);
  }

  /** Receives the lesson's sounds, and one picture: the first of pictureOrder that is published. */
  private async receive(track: PublishedTrack): Promise<void> {
    const transport = this.transport;
    if (!transport || this.consumers.has(track.producerId)) return;
    if (track.kind === 'video') {
      const better = this.picture === null || pictureOrder.indexOf(track.source) < pictureOrder.indexOf(this.picture.source);
      if (!better) return;
      if (this.picture) this.drop(this.picture.producerId);
      this.picture = track;
    }
    const place: VideoPlace = track.kind === 'video' ? placeOf[this.watchedAs] : this.heard ? 'main' : 'hidden';
    const options = await request(this.socket, { type: 'consume', producerId: track.producerId, place });
    if (transport.closed) return;
    const consumer = await transport.consume({ ...options, appData: { participantId: track.participantId } });
    this.consumers.set(track.producerId, consumer);
    (track.kind === 'video' ? this.stream : this.sound).addTrack(consumer.track);
    await request(this.socket, { type: 'resumeConsumer', consumerId: consumer.id });
    // The place may have changed while this consumer was being made.
    this.place(consumer, track.kind === 'video' ? placeOf[this.watchedAs] : this.heard ? 'main' : 'hidden');
    this.changed(null);
  }

  private drop(producerId: string): void {
    const consumer = this.consumers.get(producerId);
    if (!consumer) return;
    consumer.close();
    this.consumers.delete(producerId);
    this.stream.removeTrack(consumer.track);
    this.sound.removeTrack(consumer.track);
    if (this.picture?.producerId === producerId) this.picture = null;
    this.changed(null);
  }

  private place(consumer: Consumer, place: VideoPlace): void {
    if (consumer.closed || !this.socket.connected) return;
    request(this.socket, { type: 'setConsumerPlace', consumerId: consumer.id, place }).catch((error: unknown) => console.warn('placing a picture failed', error));
  }

  private onNotice(raw: unknown): void {
    const parsed = serverNoticeSchema.safeParse(raw);
    if (!parsed.success) return;
    const notice = parsed.data;
    if (notice.type === 'trackPublished') void this.receive(notice.track).catch((error: unknown) => console.warn('receiving a track failed', error));
    else if (notice.type === 'trackClosed') this.drop(notice.producerId);
    else if (notice.type === 'consumerClosed') {
      for (const [producerId, consumer] of this.consumers) if (consumer.id === notice.consumerId) this.drop(producerId);
    }
    // The lesson's media server restarted: its transports are gone, so the place is taken again.
    else if (notice.type === 'mediaRestart') void this.join().catch((error: unknown) => this.fail(error));
    else if (notice.type === 'lessonChanged' && notice.lesson.status === 'ended') this.changed('ended');
    // The same admin opened this lesson's tile on another screen: the newer one watches.
    else if (notice.type === 'replaced') this.changed('replaced');
  }

  private fail(error: unknown): void {
    console.warn('inspecting a lesson failed', error);
    this.changed(error instanceof Error ? error.message : String(error));
  }
}
