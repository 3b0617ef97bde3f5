import { ToneTracker } from './toneDetector';
import { localNow } from './localClock';

/** 4096 samples (85 ms at 48 kHz) read every 20 ms: each onset is seen whole in several snapshots. */
const FFT_SIZE = 4096;
const POLL_MS = 20;

export interface ListenedTrack {
  participantId: string;
  track: MediaStreamTrack;
  /** Frequencies to listen for on this track. */
  frequencies: number[];
}

/**
 * Listens to received voices (Web Audio AnalyserNode, Goertzel onsets) and
 * reports each tone burst's onset on this page's clock. The tracks also
 * play in RemoteAudio's <audio> elements, which Chrome needs before a
 * remote WebRTC track delivers samples to Web Audio.
 */
export class AudioWatcher {
  private readonly context = new AudioContext();
  private readonly listening = new Map<MediaStreamTrack, () => void>();
  private readonly timer: number;
  private readonly readers: Array<() => void> = [];

  constructor(private readonly onTone: (participantId: string, frequency: number, atLocal: number) => void) {
    this.timer = window.setInterval(() => this.readers.forEach((read) => read()), POLL_MS);
  }

  async ready(): Promise<void> {
    if (this.context.state !== 'running') await this.context.resume();
  }

  /** Starts listening to a track (once). */
  listen({ participantId, track, frequencies }: ListenedTrack): void {
    if (this.listening.has(track)) return;
    const source = this.context.createMediaStreamSource(new MediaStream([track]));
    const analyser = new AnalyserNode(this.context, { fftSize: FFT_SIZE });
    source.connect(analyser);
    const buffer = new Float32Array(FFT_SIZE);
    const trackers = frequencies.map((frequency) => ({ frequency, tracker: new ToneTracker(frequency, this.context.sampleRate) }));
    const read = (): void => {
      analyser.getFloatTimeDomainData(buffer);
      const end = localNow();
      for (const { frequency, tracker } of trackers) {
        const at = tracker.feed(buffer, end);
        if (at !== null) this.onTone(participantId, frequency, at);
      }
    };
    this.readers.push(read);
    this.listening.set(track, () => source.disconnect());
  }

  close(): void {
    window.clearInterval(this.timer);
    for (const disconnect of this.listening.values()) disconnect();
    void this.context.close();
  }
}
