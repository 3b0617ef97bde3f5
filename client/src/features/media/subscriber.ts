import type { Consumer, Transport } from 'mediasoup-client/types';
import { cameraForMicrophone, ErrorCode, LessonError, type PublishedTrack, type VideoPlace } from '@shared';
import { send } from '../lesson/connection';
import { useLessonStore } from '../lesson/lessonStore';
import { onNotice } from '../lesson/notices';
import { inboundRows, type InboundTrackStats, type ReceiverReport } from './mediaStats';
import { pathEntries } from './statsReport';
import { Placement } from './placement';

/**
 * The browser plays a voice and a picture in lip sync only when they share a
 * stream id: a microphone goes with the camera that films its speaker (the
 * teacher's microphone with the teacher camera, the class's with the student
 * camera); courseware and a document camera stand alone.
 */
function syncGroupOf(track: PublishedTrack): string {
  const camera = track.kind === 'audio' ? (cameraForMicrophone(track.source) ?? track.source) : track.source;
  return `${track.participantId}:${camera}`;
}

/**
 * What this page receives: one consumer per track another participant
 * publishes, on the media session's receive transport, and where on screen
 * each picture is shown (which decides its simulcast layer at the SFU). The
 * lesson store sees only plain rows about them (`received`).
 */
export class Subscriber {
  private transport: Transport | null = null;
  private readonly consumers = new Map<string, Consumer>();
  private readonly placement = new Placement((producerId, place) => this.sendPlace(producerId, place));
  /** Tracks announced while the receive transport was still being set up; received once it is. */
  private readonly pending = new Map<string, PublishedTrack>();

  /**
   * Starts receiving on a fresh receive transport: `announced` (the join
   * reply's tracks) and every track announced meanwhile. A track may close
   * while we subscribe, and the others must still arrive.
   */
  async attach(transport: Transport, announced: PublishedTrack[]): Promise<void> {
    this.transport = transport;
    const tracks = new Map([...announced, ...this.pending.values()].map((track) => [track.producerId, track]));
    this.pending.clear();
    await Promise.all([...tracks.values()].map((track) => this.receiveSafely(track)));
  }

  /**
   * After the page took its place back: the lesson's tracks now, from the
   * resume reply. Tracks that closed while it was away are dropped, new ones
   * received, the others kept (their pause state refreshed), and every
   * picture's place is told again in case a change was lost with the
   * connection.
   */
  async reconcile(tracks: PublishedTrack[]): Promise<void> {
    const now = new Map(tracks.map((track) => [track.producerId, track]));
    for (const producerId of [...this.consumers.keys(), ...this.pending.keys()]) if (!now.has(producerId)) this.forget(producerId);
    for (const track of tracks) if (this.consumers.has(track.producerId)) this.markReceived(track.producerId, { paused: track.paused });
    this.placement.resend();
    await Promise.all(tracks.map((track) => this.receiveSafely(track)));
  }

  /** Tracks announced since the join reply and not received yet: a new session keeps them (see MediaSession.start). */
  takePending(): PublishedTrack[] {
    const tracks = [...this.pending.values()];
    this.pending.clear();
    return tracks;
  }

  /** The transport closed (reconnect, 下课): every consumer went with it. */
  detach(): void {
    this.transport = null;
    this.consumers.clear();
    this.placement.forgetAll();
    this.pending.clear();
    useLessonStore.setState({ received: [] });
  }

  /** Receives a track; a failure (e.g. it closed meanwhile) is logged and forgotten, never fatal to the page. */
  async receiveSafely(track: PublishedTrack): Promise<void> {
    try {
      await this.receive(track);
    } catch (error) {
      console.warn('receiving a track failed', error);
      if (!this.consumers.has(track.producerId)) {
        useLessonStore.setState((state) => ({ received: state.received.filter((r) => r.producerId !== track.producerId) }));
      }
    }
  }

  private async receive(track: PublishedTrack): Promise<void> {
    const transport = this.transport;
    const selfId = useLessonStore.getState().self?.id;
    if (track.participantId === selfId || this.consumers.has(track.producerId)) return;
    if (!transport) {
      this.pending.set(track.producerId, track);
      return;
    }
    useLessonStore.setState((state) => ({
      received: [...state.received.filter((r) => r.producerId !== track.producerId), { ...track, ready: false }],
    }));
    // A tile may already wait for this picture; otherwise it starts small and moves when a tile shows it.
    const shownAt = this.placement.placeOf(track.producerId);
    const place: VideoPlace = shownAt === 'hidden' ? 'tile' : shownAt;
    const options = await send({ type: 'consume', producerId: track.producerId, ...(track.kind === 'video' ? { place } : {}) });
    if (transport.closed) return;
    const consumer = await transport.consume({ ...options, streamId: syncGroupOf(track) });
    this.consumers.set(track.producerId, consumer);
    if (track.kind === 'video') this.placement.created(track.producerId, place);
    // The server created the consumer paused so no key frame is lost while we
    // set up; now that the track exists it may start (and asks for a key frame).
    await send({ type: 'resumeConsumer', consumerId: consumer.id });
    this.markReceived(track.producerId, { ready: true });
  }

  /** The producer behind a received track went away. */
  forget(producerId: string): void {
    this.pending.delete(producerId);
    this.consumers.get(producerId)?.close();
    this.consumers.delete(producerId);
    this.placement.forget(producerId);
    useLessonStore.setState((state) => ({ received: state.received.filter((r) => r.producerId !== producerId) }));
  }

  /** The server closed one of our consumers. */
  forgetConsumer(consumerId: string): void {
    for (const [producerId, consumer] of this.consumers) if (consumer.id === consumerId) this.forget(producerId);
  }

  /** Updates the plain row of a received track (ready to show, paused by its sender). */
  markReceived(producerId: string, change: { ready?: boolean; paused?: boolean }): void {
    useLessonStore.setState((state) => ({
      received: state.received.map((r) => (r.producerId === producerId ? { ...r, ...change } : r)),
    }));
  }

  /** A tile shows a received picture at a place; returns the function that takes it off (see Placement). */
  showIn(producerId: string, place: VideoPlace): () => void {
    return this.placement.show(producerId, place);
  }

  /** The track of a received producer, for a tile or the page's speakers; null until it is received. */
  remoteTrack(producerId: string): MediaStreamTrack | null {
    return this.consumers.get(producerId)?.track ?? null;
  }

  /** Tells the server where a picture is shown now, which decides its layer (or that it is paused). */
  private sendPlace(producerId: string, place: VideoPlace): void {
    const consumer = this.consumers.get(producerId);
    if (!consumer || consumer.kind !== 'video') return;
    // Only the SFU pauses a hidden picture: no packet arrives, so nothing is decoded either. Pausing the
    // consumer here too would renegotiate the receiving connection on every layout change for nothing.
    send({ type: 'setConsumerPlace', consumerId: consumer.id, place }).catch((error: unknown) => {
      // The picture's sender may have just stopped it: the consumer is gone and so is the need to place it.
      if (!(error instanceof LessonError && error.code === ErrorCode.NotFound)) console.warn('setConsumerPlace failed', error);
    });
  }

  /** Receive-side statistics per track, for the quality panel and the end-to-end tests. */
  async inboundStats(): Promise<InboundTrackStats[]> {
    return inboundRows(await this.receiverReports());
  }

  /**
   * Each received track's inbound-rtp and the receive transport's candidate
   * pairs, for the quality panel (features/quality) and inboundStats. One getStats of the whole
   * transport, split by trackIdentifier: Chrome builds the full report even
   * for a per-receiver getStats, so one call per track would cost N times as
   * much on a busy classroom PC.
   */
  async receiverReports(): Promise<ReceiverReport[]> {
    const transport = this.transport;
    if (!transport || transport.closed || this.consumers.size === 0) return [];
    const all = [...(await transport.getStats()).values()] as Array<Record<string, unknown>>;
    const pairs = pathEntries(all);
    const received = useLessonStore.getState().received;
    return [...this.consumers].map(([producerId, consumer]) => {
      const inbound = all.find((entry) => entry['type'] === 'inbound-rtp' && entry['trackIdentifier'] === consumer.track.id);
      const info = received.find((r) => r.producerId === producerId);
      return {
        producerId,
        participantId: info?.participantId ?? '',
        source: info?.source ?? null,
        kind: consumer.kind,
        entries: inbound ? [inbound, ...pairs] : pairs,
      };
    });
  }
}

/** This page's one subscriber. */
export const subscriber = new Subscriber();

onNotice('trackPublished', (notice) => void subscriber.receiveSafely(notice.track));
onNotice('trackPaused', (notice) => subscriber.markReceived(notice.producerId, { paused: notice.paused }));
onNotice('trackClosed', (notice) => subscriber.forget(notice.producerId));
onNotice('consumerClosed', (notice) => subscriber.forgetConsumer(notice.consumerId));
