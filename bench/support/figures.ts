import { summarize, type Percentiles } from '../../client/src/features/latency/percentiles.js';
import type { LatencySample } from '../../client/src/features/latency/latencyProbe.js';
import type { PageCounters } from './pageStats.js';

export type Spread = Omit<Percentiles, 'count'> & { count: number };

const empty: Spread = { count: 0, p50: NaN, p95: NaN, p99: NaN };
export const spread = (values: number[]): Spread => summarize(values) ?? empty;

/** Samples of every page, each tagged with the page (receiver) that measured it. */
export type TaggedSample = LatencySample & { receiver: string };

/**
 * Sound vs picture for each burst heard: the audio delay minus the median
 * video delay of the same sender at the same receiver within ±1 s.
 * Positive: the sound comes after the picture.
 */
export function avSkews(samples: TaggedSample[]): number[] {
  const skews: number[] = [];
  for (const audio of samples) {
    if (audio.kind !== 'audio') continue;
    const near = samples
      .filter((s) => s.kind === 'video' && s.receiver === audio.receiver && s.from === audio.from && Math.abs(s.at - audio.at) <= 1000)
      .map((s) => s.ms)
      .sort((a, b) => a - b);
    if (near.length > 0) skews.push(audio.ms - near[Math.floor(near.length / 2)]!);
  }
  return skews;
}

/** Freeze share and decoded frame rate over a window, from the counters at its start and end. */
export function videoFigures(before: PageCounters[], after: PageCounters[]): { freezeRatio: number; decodedFps: number; streams: number } {
  let freeze = 0;
  let duration = 0;
  const fps: number[] = [];
  after.forEach((end, i) => {
    const start = before[i]!;
    const seconds = (end.at - start.at) / 1000;
    for (const [id, video] of Object.entries(end.videos)) {
      const was = start.videos[id];
      if (!was) continue;
      freeze += video.freezeSeconds - was.freezeSeconds;
      duration += seconds;
      fps.push((video.framesDecoded - was.framesDecoded) / seconds);
    }
  });
  const round = (v: number, digits: number): number => Math.round(v * 10 ** digits) / 10 ** digits;
  return {
    freezeRatio: duration > 0 ? round(freeze / duration, 4) : NaN,
    decodedFps: fps.length > 0 ? round(fps.reduce((a, b) => a + b, 0) / fps.length, 1) : NaN,
    streams: fps.length,
  };
}

/** Residual packet loss seen by receivers over a window, in %. */
export function lossPct(before: PageCounters[], after: PageCounters[]): number {
  let lost = 0;
  let received = 0;
  after.forEach((end, i) => {
    for (const [stream, now] of Object.entries(end.packets)) {
      const was = before[i]!.packets[stream];
      if (!was) continue;
      lost += now.lost - was.lost;
      received += now.received - was.received;
    }
  });
  return lost + received > 0 ? Math.round((1000 * lost) / (lost + received)) / 10 : NaN;
}

/**
 * Where the time goes, from the browsers' own getStats over the window, in
 * ms per frame (or audio sample): encode and pacer at the senders, jitter
 * buffer and decode at the receivers ("processing" is packet arrival → frame
 * decoded, jitter buffer included).
 */
export function breakdown(before: PageCounters[], after: PageCounters[]): Record<string, number> {
  // Over streams that existed for the whole window only (a re-created connection starts from zero).
  const delta = (key: string): number =>
    after.reduce((sum, end, i) => {
      for (const [name, value] of Object.entries(end.sums)) {
        const was = before[i]!.sums[name];
        if (name.endsWith(`|${key}`) && was !== undefined) sum += value - was;
      }
      return sum;
    }, 0);
  const per = (time: string, count: string): number => {
    const n = delta(count);
    return n > 0 ? Math.round((1000 * delta(time)) / n * 10) / 10 : NaN;
  };
  return {
    encode_ms: per('totalEncodeTime', 'framesEncoded'),
    pacer_ms: per('totalPacketSendDelay', 'packetsSent'),
    video_jitter_buffer_ms: per('videoJitterBufferDelay', 'videoJitterBufferEmitted'),
    decode_ms: per('totalDecodeTime', 'framesDecoded'),
    video_receive_to_decoded_ms: per('totalProcessingDelay', 'framesDecoded'),
    audio_jitter_buffer_ms: per('audioJitterBufferDelay', 'audioJitterBufferEmitted'),
  };
}
