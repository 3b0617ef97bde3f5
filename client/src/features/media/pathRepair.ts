import type { Transport } from 'mediasoup-client/types';
import { send, lessonConnected } from '../lesson/connection';
import { recoveryCounts } from '../lesson/recoveryCounts';

/**
 * How long a transport may stay 'disconnected' before its ICE is restarted.
 * Chrome says 'disconnected' after ~2.5–5 s without an answer to its checks
 * and often recovers by itself when the loss was brief; a restart costs one
 * round trip and no media, so we do not wait long for that.
 */
const DISCONNECTED_FOR_MS = 1000;
/**
 * While the path stays down, a new restart this often. Checks of a restart
 * that ran into the dead network have failed for good by the time it
 * returns (Chrome does not retry them), so only the next restart brings the
 * path back: this is the wait after the network returns, at worst. It costs
 * one small request and a local renegotiation each time.
 */
const RETRY_EVERY_MS = 1000;

/**
 * Keeps one transport's network path alive: when its ICE connection is lost,
 * asks the SFU for new ICE credentials and restarts ICE on the same
 * transport (mediasoup `restartIce`), so producers and consumers carry on
 * over the new path and nothing is set up again. Only while signalling is
 * up: a restart needs a reply, and a resume repairs the path itself.
 */
export class PathRepair {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private restarting = false;
  private stopped = false;

  constructor(
    private readonly transport: Transport,
    private readonly onHealthChange: () => void,
  ) {
    transport.on('connectionstatechange', () => this.follow());
  }

  /** The path works, or is still being set up for the first time. */
  get isHealthy(): boolean {
    const state = this.transport.connectionState;
    return state !== 'disconnected' && state !== 'failed';
  }

  /** Restarts ICE now if the path is down (the page just got its signalling back). */
  repairIfDown(): void {
    if (!this.isHealthy) void this.restart();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimer();
  }

  private follow(): void {
    if (this.stopped) return;
    this.onHealthChange();
    const state = this.transport.connectionState;
    if (state === 'failed') void this.restart();
    else if (state === 'disconnected') this.schedule(DISCONNECTED_FOR_MS);
    else this.clearTimer();
  }

  private schedule(delayMs: number): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.restart();
    }, delayMs);
  }

  private async restart(): Promise<void> {
    if (this.stopped || this.restarting || this.transport.closed || this.isHealthy) return;
    this.clearTimer();
    this.restarting = true;
    try {
      if (lessonConnected()) {
        const { iceParameters } = await send({ type: 'restartIce', transportId: this.transport.id });
        if (!this.transport.closed) await this.transport.restartIce({ iceParameters });
        recoveryCounts.iceRestarts++;
      }
    } catch (error) {
      console.warn('restarting ICE failed; trying again', error);
    } finally {
      this.restarting = false;
      if (!this.stopped && !this.isHealthy) this.schedule(RETRY_EVERY_MS);
    }
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
