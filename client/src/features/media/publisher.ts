import type { Producer, Transport } from 'mediasoup-client/types';
import { isMicrophone, layerForPlace, type MediaSource } from '@shared';
import { useInteractionStore } from '../interaction/interactionStore';
import { send } from '../lesson/connection';
import { useLessonStore } from '../lesson/lessonStore';
import { onNotice } from '../lesson/notices';
import { cameraLayers } from './cameraLayers';
import { fitCameraLayers } from './cameraSender';
import { coursewareEncodings, keepResolution } from './encodings';
import { outboundRows, type OutboundSourceStats } from './mediaStats';

/** This terminal's open tracks, by what they are in the classroom. */
export type LocalTracks = ReadonlyMap<MediaSource, MediaStreamTrack>;

/**
 * What this terminal sends: its open cameras, courseware and microphones
 * (kept for the whole page life, across reconnects) and one producer per
 * source on the media session's send transport. The lesson store sees only
 * which sources are published (`published`).
 */
export class Publisher {
  private local: LocalTracks = new Map();
  private transport: Transport | null = null;
  private readonly producers = new Map<MediaSource, Producer>();
  private readonly listeners = new Set<() => void>();
  private readonly lostListeners = new Set<(source: MediaSource) => void>();
  /** Tracks a latency probe put aside (by producer id), to put back afterwards. */
  private readonly substituted = new Map<string, MediaStreamTrack | null>();
  /** The highest simulcast layer the SFU said anyone shows, per producer (it may say so before produce() returns here). */
  private readonly layersWanted = new Map<string, number>();

  /** Keeps the local tracks for the whole page life (they survive reconnects). */
  setLocalTracks(tracks: LocalTracks): void {
    this.local = new Map(tracks);
    this.emit();
  }

  /** This terminal's own track of a source, for its self view. */
  localTrack = (source: MediaSource): MediaStreamTrack | null => this.local.get(source) ?? null;

  /** Calls `listener` whenever the local tracks change (for the self view); returns the function that stops it. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Publishes every local track on a fresh send transport; a device that fails is left out. */
  async attach(transport: Transport): Promise<void> {
    this.transport = transport;
    await Promise.all([...this.local.keys()].map((source) => this.publishSafely(source)));
  }

  /** The transport closed (reconnect, 下课): every producer went with it; the local tracks stay open. */
  detach(): void {
    this.transport = null;
    this.producers.clear();
    this.layersWanted.clear();
    this.announcePublished();
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
      await send({ type: 'closeProducer', producerId: producer.id });
    } else if (track) {
      await this.publishSafely(source);
    }
  }

  /** What this page publishes, by source, with the device behind each (for the camera settings and tests). */
  published(): Array<{ source: MediaSource; label: string; producerId: string }> {
    return [...this.producers].map(([source, producer]) => ({ source, label: producer.track?.label ?? '', producerId: producer.id }));
  }

  /** Nobody shows this camera larger than `layer` (notice sendLayers): the browser stops encoding the layers above it (no renegotiation). */
  async encodeUpTo(producerId: string, layer: number): Promise<void> {
    this.layersWanted.set(producerId, layer);
    const producer = [...this.producers.values()].find((p) => p.id === producerId);
    if (producer) await this.fitLayers(producer);
  }

  /** Every layer the camera fills until the SFU says what its viewers show (a first viewer must get a sharp picture soon). */
  private fitLayers(producer: Producer): Promise<void> {
    return fitCameraLayers(producer, this.layersWanted.get(producer.id) ?? layerForPlace('main')!);
  }

  /**
   * The classroom mutes or unmutes its own microphone. The server may still
   * keep it paused (no floor); unmuting without the floor is refused (NO_FLOOR).
   */
  async setMicrophonePaused(paused: boolean): Promise<void> {
    const producer = this.microphoneProducer();
    if (producer) {
      await send({ type: 'setProducerPaused', producerId: producer.id, paused });
      if (paused) producer.pause();
      else producer.resume();
    }
    useInteractionStore.setState({ selfMuted: paused });
  }

  /** The microphone the class's 静音 button controls: the class's own, or the only one. */
  private microphoneProducer(): Producer | undefined {
    return this.producers.get('studentsMic') ?? this.producers.get('teacherMic');
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

  /** A device whose track ended before it could be published (unplugged, taken by another program); the devices feature reports it. */
  onDeviceLost(listener: (source: MediaSource) => void): () => void {
    this.lostListeners.add(listener);
    return () => void this.lostListeners.delete(listener);
  }

  /** Send-side statistics per published source, for the quality figures and the end-to-end tests. */
  async outboundStats(): Promise<OutboundSourceStats[]> {
    return outboundRows(this.producers);
  }

  /** A device that fails to publish is reported and left out; the lesson goes on with what works. */
  private async publishSafely(source: MediaSource): Promise<void> {
    try {
      await this.publish(source);
    } catch (error) {
      console.warn(`publishing the ${source} failed`, error);
      if (this.local.get(source)?.readyState === 'ended') for (const listener of this.lostListeners) listener(source);
      else throw error;
    }
  }

  private async publish(source: MediaSource): Promise<void> {
    const track = this.local.get(source);
    const transport = this.transport;
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

/** This terminal's one publisher. */
export const publisher = new Publisher();

onNotice('sendLayers', (notice) => void publisher.encodeUpTo(notice.producerId, notice.maxSpatialLayer));
