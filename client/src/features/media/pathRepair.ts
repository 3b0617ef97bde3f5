import type { Transport } from 'mediasoup-client/types';
import { send, lessonConnected } from '../lesson/connection';
import { recoveryCounts } from '../lesson/recoveryCounts';

/** First wait before restarting again a path still down after a restart; doubles each time, up to the last. */
const RETRY_AFTER_MS = [2000, 4000, 8000];
/** A restart that has not finished by then (its reply lost) no longer holds up the next one. */
const RESTART_GIVES_UP_MS = 5000;

/**
 * Keeps one transport's network path alive.
 *
 * A path that goes quiet ('disconnected', 5–7 s after the last answer to
 * Chrome's consent checks) is left to ICE itself: Chrome keeps checking the
 * pair it had, and it is connected again within milliseconds of the network
 * returning (measured). Restarting ICE into a dead network does harm: each
 * restart gathers new local candidates, and after a few of them mediasoup
 * 3.12's WebRtcServer answered none of the checks any more, so the picture
 * never came back (bench:resume, three 10 s cuts). What makes the picture
 * come back quickly is a key frame, which the media session asks for when
 * the path is back.
 *
 * A path that Chrome gives up on ('failed', ~16 s after the network went, or
 * at once when the network changed) needs new ICE credentials: the SFU's
 * `restartIce` on the same transport, so producers and consumers carry on
 * over the new path and nothing is set up again. One restart at a time (of
 * two at once the page could apply the older answer last and talk to the
 * SFU with credentials it has dropped), again after 2, 4, 8 s while it stays
 * down, and only while signalling is up (a restart needs a reply; a resume
 * repairs the path itself).
 */
export class PathRepair {
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** The path was lost and is not connected again yet. */
  private down = false;
  private restarting = false;
  private attempts = 0;
  private stopped = false;

  constructor(
    private readonly transport: Transport,
    private readonly onHealthChange: () => void,
  ) {
    transport.on('connectionstatechange', () => this.follow());
  }

  /** The path works, or is still being set up for the first time. */
  get isHealthy(): boolean {
    return !this.down;
  }

  /** Signalling is back (the page took its place back): a path Chrome gave up on is restarted now. */
  repairIfFailed(): void {
    if (this.transport.connectionState === 'failed') this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    this.clearTimer();
  }

  private follow(): void {
    if (this.stopped) return;
    const state = this.transport.connectionState;
    if (state === 'connected') {
      this.attempts = 0;
      this.clearTimer();
      this.setDown(false);
    } else if (state === 'failed') {
      this.setDown(true);
      this.schedule(0);
    } else if (state === 'disconnected') {
      this.setDown(true);
    }
  }

  private setDown(down: boolean): void {
    if (this.down === down) return;
    this.down = down;
    this.onHealthChange();
  }

  private schedule(delayMs: number): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.restart();
    }, delayMs);
  }

  private async restart(): Promise<void> {
    if (this.stopped || this.transport.closed || !this.down || this.restarting) return;
    this.restarting = true;
    try {
      if (lessonConnected()) await withTimeout(this.restartOnce(), RESTART_GIVES_UP_MS);
    } catch (error) {
      console.warn('restarting ICE failed; trying again', error);
    } finally {
      this.restarting = false;
      if (!this.stopped && this.down && !this.timer) {
        this.schedule(RETRY_AFTER_MS[Math.min(this.attempts, RETRY_AFTER_MS.length - 1)]!);
        this.attempts++;
      }
    }
  }

  private async restartOnce(): Promise<void> {
    const { iceParameters } = await send({ type: 'restartIce', transportId: this.transport.id });
    if (this.transport.closed) return;
    await this.transport.restartIce({ iceParameters });
    recoveryCounts.iceRestarts++;
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    work.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}
