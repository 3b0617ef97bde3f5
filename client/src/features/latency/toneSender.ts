import { TONE_BURST_MS } from './probeSchedule';
import { localNow } from './localClock';

/**
 * A generated microphone track for the probe: silence with short sine
 * bursts at given times. It replaces the microphone for the probe window
 * only, so no room sound goes out while the server has the classroom
 * microphones open for the probe (see server/src/features/latency/probeWindow.ts).
 */
export class ToneSender {
  private readonly context = new AudioContext({ latencyHint: 'interactive' });
  private readonly output = this.context.createMediaStreamDestination();

  get track(): MediaStreamTrack {
    return this.output.stream.getAudioTracks()[0]!;
  }

  async ready(): Promise<void> {
    if (this.context.state !== 'running') await this.context.resume();
  }

  /** Plays a burst when this page's clock reads `atLocalMs` (now, if that has passed). */
  burst(atLocalMs: number, frequency: number): void {
    const start = Math.max(this.context.currentTime, this.context.currentTime + (atLocalMs - localNow()) / 1000);
    const end = start + TONE_BURST_MS / 1000;
    const oscillator = new OscillatorNode(this.context, { frequency });
    const gain = new GainNode(this.context, { gain: 0 });
    // 3 ms ramps: no click, so the energy stays at the tone's frequency.
    gain.gain.setValueAtTime(0, start);
    gain.gain.linearRampToValueAtTime(0.3, start + 0.003);
    gain.gain.setValueAtTime(0.3, end - 0.003);
    gain.gain.linearRampToValueAtTime(0, end);
    oscillator.connect(gain).connect(this.output);
    oscillator.start(start);
    oscillator.stop(end + 0.01);
    oscillator.onended = () => gain.disconnect();
  }

  close(): void {
    this.track.stop();
    void this.context.close();
  }
}
