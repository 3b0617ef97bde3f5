import { Device } from 'mediasoup-client';
import type { Consumer, Producer, Transport } from 'mediasoup-client/types';
import { cameraForMicrophone, ErrorCode, isMicrophone, layerForPlace, LessonError, type JoinedLesson, type MediaSource, type PublishedTrack, type VideoPlace } from '@shared';
import { request, type LessonSocket } from '../lesson/connection';
import { useDeviceStore } from '../devices/deviceStore';
import { useInteractionStore } from '../interaction/interactionStore';
import { useLessonStore } from '../lesson/lessonStore';
import { cameraLayers } from './cameraLayers';
import { fitCameraLayers } from './cameraSender';
import { coursewareEncodings, keepResolution } from './encodings';
import { Placement } from './placement';
import { inboundRows, outboundRows, type InboundTrackStats, type OutboundSourceStats, type ReceiverReport } from './mediaStats';

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

export type { InboundTrackStats, OutboundSourceStats } from './mediaStats';

/** This terminal's open tracks, by what they are in the classroom. */
export type LocalTracks = ReadonlyMap<MediaSource, MediaStreamTrack>;

/**
 * Owns every mediasoup-client object of this page: the Device, one send and
 * one receive transport, the local producers and the consumers. The store
 * only ever sees plain data about them.
 */
class LessonMedia {
  private socket: LessonSocket | null = null;
  private local: LocalTracks = new Map();
  private sendTransport: Transport | null = null;
  private recvTransport: Transport | null = null;
  private readonly producers = new Map<MediaSource, Producer>();
  private readonly consumers = new Map<string, Consumer>();
  private readonly placement = new Placement((producerId, place) => this.sendPlace(producerId, place));
  /** Tracks announced while the receive transport was still being set up; received once it is. */
  private readonly pending = new Map<string, PublishedTrack>();
  private readonly listeners = new Set<() => void>();
  /** Tracks a latency probe put aside (by producer id), to put back afterwards. */
  private readonly substituted = new Map<string, MediaStreamTrack | null>();
  /** The highest simulcast layer the SFU said anyone shows, per producer (it may say so before produce() returns here). */
  private readonly layersWanted = new Map<string, number>();
  /** Bumped on every (re)start so work of a previous session is dropped. */
  private generation = 0;

  /** Keeps the local tracks for the whole page life (they survive reconnects). */
  setLocalTracks(tracks: LocalTracks): void {
    this.local = new Map(tracks);
    this.emit();
  }

  /**
   * Starts, swaps or stops one source while the lesson runs (courseware
   * shared or stopped, a camera remapped): a new track replaces the old one
   * in its producer without renegotiation; null closes the producer.
   */
  async setLocalSource(source: MediaSource, track: MediaStreamTrack | null): Promise<void> {
    const next = new Map(this.local);
    if (track) next.set(source, track);
    else next.delete(source);
    this.local = next;
    this.emit();
    const producer = this.producers.get(source);
    if (producer && track) {
      await producer.replaceTrack({ track });
      // Another camera may deliver another size: its layers follow (see cameraLayers).
      await this.fitLayers(producer);
    } else if (producer) {
      this.producers.delete(source);
      this.announcePublished();
      producer.close();
      if (this.socket) await request(this.socket, { type: 'closeProducer', producerId: producer.id });
    } else if (track) {
      await this.publishSafely(source);
    }
  }

  /** What this page publishes, by source, with the device behind each (for the camera settings and tests). */
  published(): Array<{ source: MediaSource; label: string; producerId: string }> {
    return [...this.producers].map(([source, producer]) => ({ source, label: producer.track?.label ?? '', producerId: producer.id }));
  }

  /** Connects media for a freshly joined lesson: device, transports, local producers, existing tracks. */
  async start(socket: LessonSocket, joined: JoinedLesson): Promise<void> {
    // Tracks announced since the join reply (while this page opened its devices) are kept, not dropped with the old session.
    const announcedSinceJoin = [...this.pending.values()];
    this.stop();
    const generation = ++this.generation;
    this.socket = socket;
    const device = new Device();
    await device.load({ routerRtpCapabilities: joined.routerRtpCapabilities });
    // Round trips in parallel: a classroom that just opened its page should see the teacher as soon as possible.
    const [recvTransport, sendTransport] = await Promise.all([
      this.createTransport(device, 'recv'),
      this.createTransport(device, 'send'),
      request(socket, { type: 'declareCapabilities', rtpCapabilities: device.rtpCapabilities }),
    ]);
    if (generation !== this.generation) {
      recvTransport.close();
      sendTransport.close();
      return;
    }
    this.recvTransport = recvTransport;
    this.sendTransport = sendTransport;
    // Receiving starts beside publishing, not after it. From here on a newly announced track is received at once;
    // a track may close while we subscribe, and the others must still arrive.
    const announced = new Map([...joined.tracks, ...announcedSinceJoin, ...this.pending.values()].map((track) => [track.producerId, track]));
    this.pending.clear();
    await Promise.all([
      ...[...this.local.keys()].map((source) => this.publishSafely(source)),
      ...[...announced.values()].map((track) => this.receiveSafely(track)),
    ]);
  }

  /** Closes every transport (and with them producers and consumers); local tracks stay open. */
  stop(): void {
    this.generation++;
    this.sendTransport?.close();
    this.recvTransport?.close();
    this.sendTransport = null;
    this.recvTransport = null;
    this.producers.clear();
    this.announcePublished();
    this.consumers.clear();
    this.placement.forgetAll();
    this.pending.clear();
    this.layersWanted.clear();
    useLessonStore.setState({ received: [] });
  }

  /** Nobody shows this camera larger than `layer`: the browser stops encoding the layers above it (no renegotiation). */
  async encodeUpTo(producerId: string, layer: number): Promise<void> {
    this.layersWanted.set(producerId, layer);
    const producer = [...this.producers.values()].find((p) => p.id === producerId);
    if (producer) await this.fitLayers(producer);
  }

  /** Every layer the camera fills until the SFU says what its viewers show (a first viewer must get a sharp picture soon). */
  private fitLayers(producer: Producer): Promise<void> {
    return fitCameraLayers(producer, this.layersWanted.get(producer.id) ?? layerForPlace('main')!);
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

  /** Starts receiving a track another participant published. */
  async receive(track: PublishedTrack): Promise<void> {
    const { socket, recvTransport } = this;
    const selfId = useLessonStore.getState().self?.id;
    if (track.participantId === selfId || this.consumers.has(track.producerId)) return;
    if (!socket || !recvTransport) {
      this.pending.set(track.producerId, track);
      return;
    }
    useLessonStore.setState((state) => ({
      received: [...state.received.filter((r) => r.producerId !== track.producerId), { ...track, ready: false }],
    }));
    // A tile may already wait for this picture; otherwise it starts small and moves when a tile shows it.
    const shownAt = this.placement.placeOf(track.producerId);
    const place: VideoPlace = shownAt === 'hidden' ? 'tile' : shownAt;
    const options = await request(socket, {
      type: 'consume',
      producerId: track.producerId,
      ...(track.kind === 'video' ? { place } : {}),
    });
    if (recvTransport.closed) return;
    const consumer = await recvTransport.consume({ ...options, streamId: syncGroupOf(track) });
    this.consumers.set(track.producerId, consumer);
    if (track.kind === 'video') this.placement.created(track.producerId, place);
    // The server created the consumer paused so no key frame is lost while we
    // set up; now that the track exists it may start (and asks for a key frame).
    await request(socket, { type: 'resumeConsumer', consumerId: consumer.id });
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

  markReceived(producerId: string, change: { ready?: boolean; paused?: boolean }): void {
    useLessonStore.setState((state) => ({
      received: state.received.map((r) => (r.producerId === producerId ? { ...r, ...change } : r)),
    }));
  }

  /** A tile shows a received picture at a place; returns the function that takes it off (see Placement). */
  showIn(producerId: string, place: VideoPlace): () => void {
    return this.placement.show(producerId, place);
  }

  /** This terminal's own track of a source, for its self view. */
  localTrack = (source: MediaSource): MediaStreamTrack | null => this.local.get(source) ?? null;

  /** Tells the server where a picture is shown now, which decides its layer (or that it is paused). */
  private sendPlace(producerId: string, place: VideoPlace): void {
    const consumer = this.consumers.get(producerId);
    if (!consumer || consumer.kind !== 'video' || !this.socket) return;
    // Only the SFU pauses a hidden picture: no packet arrives, so nothing is decoded either. Pausing the
    // consumer here too would renegotiate the receiving connection on every layout change for nothing.
    request(this.socket, { type: 'setConsumerPlace', consumerId: consumer.id, place }).catch((error: unknown) => {
      // The picture's sender may have just stopped it: the consumer is gone and so is the need to place it.
      if (!(error instanceof LessonError && error.code === ErrorCode.NotFound)) console.warn('setConsumerPlace failed', error);
    });
  }

  /**
   * The classroom mutes or unmutes its own microphone. The server may still
   * keep it paused (no floor); unmuting without the floor is refused (NO_FLOOR).
   */
  async setMicrophonePaused(paused: boolean): Promise<void> {
    const producer = this.microphoneProducer();
    if (producer && this.socket) {
      await request(this.socket, { type: 'setProducerPaused', producerId: producer.id, paused });
      if (paused) producer.pause();
      else producer.resume();
    }
    useInteractionStore.setState({ selfMuted: paused });
  }

  remoteTrack(producerId: string): MediaStreamTrack | null {
    return this.consumers.get(producerId)?.track ?? null;
  }

  async setLessonStatus(status: 'live' | 'ended'): Promise<void> {
    if (!this.socket) throw new Error('not connected');
    const lesson = await request(this.socket, { type: 'setLessonStatus', status });
    useLessonStore.setState({ lesson });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

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
    const transport = this.recvTransport;
    if (!transport || transport.closed || this.consumers.size === 0) return [];
    const all = [...(await transport.getStats()).values()] as Array<Record<string, unknown>>;
    const pairs = all.filter((entry) => entry['type'] === 'candidate-pair');
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

  /**
   * Sends `track` instead of every local track of `kind` (the latency
   * probe's pattern or tones) without renegotiating; null puts the
   * originals back. Works on whatever sources are published.
   */
  async substituteOutgoing(kind: 'audio' | 'video', track: MediaStreamTrack | null): Promise<void> {
    for (const producer of this.producers.values()) {
      if (producer.kind !== kind || producer.closed) continue;
      if (track) {
        if (!this.substituted.has(producer.id)) this.substituted.set(producer.id, producer.track);
        await producer.replaceTrack({ track });
      } else if (this.substituted.has(producer.id)) {
        const original = this.substituted.get(producer.id) ?? null;
        this.substituted.delete(producer.id);
        await producer.replaceTrack({ track: original });
      }
      if (kind === 'video') await this.fitLayers(producer);
    }
  }

  /** The microphone the class's 静音 button controls: the class's own, or the only one. */
  private microphoneProducer(): Producer | undefined {
    return this.producers.get('studentsMic') ?? this.producers.get('teacherMic');
  }

  /** Send-side statistics per published source, for the quality figures and the end-to-end tests. */
  async outboundStats(): Promise<OutboundSourceStats[]> {
    return outboundRows(this.producers);
  }

  private async createTransport(device: Device, direction: 'send' | 'recv'): Promise<Transport> {
    const socket = this.socket!;
    const options = await request(socket, { type: 'createTransport', direction });
    const transport =
      direction === 'send' ? device.createSendTransport(options) : device.createRecvTransport(options);
    transport.on('connect', ({ dtlsParameters }, done, fail) => {
      request(socket, { type: 'connectTransport', transportId: transport.id, dtlsParameters }).then(() => done(), fail);
    });
    if (direction === 'send') {
      transport.on('produce', ({ kind, rtpParameters, appData }, done, fail) => {
        const source = appData['source'] as MediaSource;
        request(socket, { type: 'produce', transportId: transport.id, kind, source, rtpParameters }).then(
          ({ producerId }) => done({ id: producerId }),
          fail,
        );
      });
    }
    return transport;
  }

  /** A device that fails to publish is reported and left out; the lesson goes on with what works. */
  private async publishSafely(source: MediaSource): Promise<void> {
    try {
      await this.publish(source);
    } catch (error) {
      console.warn(`publishing the ${source} failed`, error);
      if (this.local.get(source)?.readyState === 'ended') useDeviceStore.setState({ [isMicrophone(source) ? 'microphone' : 'camera']: 'error' });
      else throw error;
    }
  }

  private async publish(source: MediaSource): Promise<void> {
    const track = this.local.get(source);
    const transport = this.sendTransport;
    if (!track || !transport || track.readyState === 'ended' || this.producers.has(source)) return;
    // The page keeps its devices across reconnects; closing a producer must not stop them.
    const common = { track, stopTracks: false, appData: { source } };
    const producer = isMicrophone(source)
      ? // In-band FEC rides out rural packet loss; DTX saves the uplink in silence.
        await transport.produce({ ...common, codecOptions: { opusFec: true, opusDtx: true, opusStereo: false } })
      : // Fresh copies: mediasoup-client writes into the encodings it is given, and every producer needs its own.
        source === 'courseware'
        ? await transport.produce({ ...common, encodings: coursewareEncodings.map((e) => ({ ...e })) })
        : await transport.produce({ ...common, encodings: cameraLayers(track.getSettings()).encodings, codecOptions: { videoGoogleStartBitrate: 1000 } });
    this.producers.set(source, producer);
    this.announcePublished();
    await this.fitLayers(producer);
    if (source === 'courseware') await keepResolution(producer);
    if (isMicrophone(source) && useInteractionStore.getState().selfMuted) await this.setMicrophonePaused(true);
  }

  private announcePublished(): void {
    useLessonStore.setState({ published: [...this.producers.keys()] });
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}


export const media = new LessonMedia();
