import * as mediasoup from 'mediasoup';
import type { Router } from 'mediasoup/node/lib/Router.js';
import type { Transport } from 'mediasoup/node/lib/Transport.js';
import type { WebRtcServer } from 'mediasoup/node/lib/WebRtcServer.js';
import type { Worker } from 'mediasoup/node/lib/Worker.js';
import type { Logger } from '../log.js';
import { mediaCodecs } from './mediaCodecs.js';
import { MediaUnavailableError } from './mediaErrors.js';
import { BUSY_CPU_SHARE, sampleLoads, WorkerLoad } from './workerLoad.js';
import { prioritiseWorker } from './workerPriority.js';

/** One mediasoup worker process and the WebRtcServer that owns its single UDP+TCP port pair. */
export interface MediaWorker {
  index: number;
  worker: Worker;
  webRtcServer: WebRtcServer;
  /** Routers (lessons) placed on this worker; the least loaded worker takes the next lesson. */
  routers: Set<Router>;
  /** Pipe transports on its routers (a lesson whose audience spilled onto other workers, see LessonFanout), for /metrics. */
  pipes: Set<Transport>;
  /** Its receivers' consumers and its measured CPU, which placement reads. */
  load: WorkerLoad;
}

/** A router and where it runs: the WebRtcServer its transports listen on, and its worker. */
export interface RouterHandle {
  router: Router;
  webRtcServer: WebRtcServer;
  worker: MediaWorker;
}

export interface WorkerPoolOptions {
  count: number;
  listenIp: string;
  announcedIp: string;
  firstPort: number;
  /** Receivers' consumers one worker serves before new receive-only participants go to another worker (WORKER_MAX_CONSUMERS). */
  maxConsumers: number;
  /** Niceness of each worker (see workerPriority.ts). */
  nice: number;
  logger: Logger;
}

/**
 * One worker per core, each listening on one UDP and one TCP port (firstPort
 * + index) so a school firewall needs only a few open ports. A worker that
 * dies is logged and replaced on the same port, retrying for as long as the
 * server runs; its routers emit `workerclose` and their lessons move to a
 * router on a live worker, or wait for one (see Lesson).
 *
 * Workers are spawned from mediasoup's binary (`MEDIASOUP_WORKER_BIN`, read
 * once at start-up): a test that removes that file after start makes every
 * replacement fail, as a broken installation would, until it is put back.
 */
export class WorkerPool {
  private readonly workers: MediaWorker[] = [];
  private closed = false;
  /** Whether it has logged that WORKER_NICE could not be applied (once, not per worker). */
  private saidNotPrioritised = false;
  /** Lessons waiting for any live worker (see whenAvailable). */
  private waiting: Array<() => void> = [];
  private readonly stopSampling: () => void;

  private constructor(private readonly options: WorkerPoolOptions) {
    this.stopSampling = sampleLoads(() => this.liveWorkers().map((w) => w.load));
  }

  /** Starts every worker; fails (with the port in the message) if a media port is taken. */
  static async start(options: WorkerPoolOptions): Promise<WorkerPool> {
    const pool = new WorkerPool(options);
    try {
      for (let index = 0; index < options.count; index++) pool.workers.push(await pool.spawn(index));
    } catch (error) {
      pool.close();
      throw error;
    }
    return pool;
  }

  /**
   * A new router, on the given worker or else on the live worker carrying
   * the fewest lessons. MediaUnavailableError at once when no worker runs
   * (or the given one has died): a join must not hang while the pool is
   * still trying to start one.
   */
  async createRouter(on?: MediaWorker): Promise<RouterHandle> {
    const target = on ?? [...this.liveWorkers()].sort((a, b) => a.routers.size - b.routers.size)[0];
    if (!target || target.worker.closed || this.closed) throw new MediaUnavailableError();
    const router = await target.worker.createRouter({ mediaCodecs });
    target.routers.add(router);
    target.load.watch(router);
    router.observer.once('close', () => target.routers.delete(router));
    router.observer.on('newtransport', (transport) => {
      if (!(transport instanceof mediasoup.types.PipeTransport)) return;
      target.pipes.add(transport);
      transport.observer.once('close', () => target.pipes.delete(transport));
    });
    return { router, webRtcServer: target.webRtcServer, worker: target };
  }

  /**
   * Where a new receive-only participant of a lesson homed on `home` is
   * served: on the home worker while it has room (fewer than maxConsumers
   * consumers and under 70 % of a core), else on the live worker with the
   * most room, by measured CPU and then by consumers. When every worker is
   * full the least loaded takes it anyway: a viewer is better served late
   * than refused, and LESSON_MAX_VIEWERS is the cap that refuses.
   */
  receiverWorker(home: MediaWorker): MediaWorker {
    const hasRoom = (w: MediaWorker) => w.load.consumers < this.options.maxConsumers && w.load.cpuShare < BUSY_CPU_SHARE;
    if (!home.worker.closed && hasRoom(home)) return home;
    const live = [...this.liveWorkers()];
    const roomy = live.filter(hasRoom);
    const byRoom = (a: MediaWorker, b: MediaWorker) => a.load.cpuShare - b.load.cpuShare || a.load.consumers - b.load.consumers;
    return (roomy.length > 0 ? roomy : live).sort(byRoom)[0] ?? home;
  }

  /** Resolves as soon as a worker runs (at once if one does); never once the pool has closed (the server is stopping). */
  whenAvailable(): Promise<void> {
    if (this.closed) return new Promise(() => undefined);
    if (this.workers.some((w) => !w.worker.closed)) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Workers as /api/health reports them (and /healthz counts the live ones); a dead one is listed (with its last pid) until its replacement runs. */
  describe(): Array<{ index: number; pid: number; port: number; lessons: number; consumers: number; cpu: number; alive: boolean }> {
    return this.workers.map((w) => ({
      index: w.index,
      pid: w.worker.pid,
      port: this.options.firstPort + w.index,
      // Routers: a lesson whose audience spilled over has one on each worker it uses.
      lessons: w.routers.size,
      consumers: w.load.consumers,
      cpu: Math.round(w.load.cpuShare * 100) / 100,
      alive: !w.worker.closed,
    }));
  }

  /** The workers running now, for /metrics (their CPU time and media objects). */
  liveWorkers(): readonly MediaWorker[] {
    return this.workers.filter((w) => !w.worker.closed);
  }

  /** Every live router, for counting media objects from the workers' own dumps. */
  routers(): Router[] {
    return this.workers.flatMap((w) => [...w.routers]);
  }

  close(): void {
    this.closed = true;
    this.stopSampling();
    for (const w of this.workers) w.worker.close();
    this.waiting = [];
  }

  private async spawn(index: number): Promise<MediaWorker> {
    const { listenIp, announcedIp, firstPort, logger } = this.options;
    const port = firstPort + index;
    const worker = await mediasoup.createWorker({ logLevel: 'warn' });
    if (!prioritiseWorker(worker.pid, this.options.nice) && !this.saidNotPrioritised) {
      this.saidNotPrioritised = true;
      logger.warn({ nice: this.options.nice }, 'media workers run at normal priority: WORKER_NICE needs root or CAP_SYS_NICE');
    }
    let webRtcServer: WebRtcServer;
    try {
      webRtcServer = await worker.createWebRtcServer({
        listenInfos: [
          { protocol: 'udp', ip: listenIp, announcedIp, port },
          { protocol: 'tcp', ip: listenIp, announcedIp, port },
        ],
      });
    } catch (error) {
      worker.close();
      throw new Error(`media port ${port} (UDP/TCP on ${listenIp}) is not available: ${(error as Error).message}`);
    }
    const entry: MediaWorker = { index, worker, webRtcServer, routers: new Set(), pipes: new Set(), load: new WorkerLoad(worker) };
    worker.on('died', (error) => void this.replace(entry, error));
    logger.info({ index, pid: worker.pid, port }, 'media worker started');
    return entry;
  }

  private async replace(dead: MediaWorker, error: Error): Promise<void> {
    if (this.closed) return;
    const { logger } = this.options;
    logger.error({ index: dead.index, pid: dead.worker.pid, err: error.message }, 'media worker died; replacing it');
    for (let attempt = 1; ; attempt++) {
      try {
        const fresh = await this.spawn(dead.index);
        if (this.closed) return fresh.worker.close();
        this.workers[this.workers.indexOf(dead)] = fresh;
        this.wakeWaiting();
        break;
      } catch (spawnError) {
        // Said at once and then about once a minute: a broken installation must not fill the log while we retry.
        if (attempt <= 3 || attempt % 12 === 0) logger.error({ index: dead.index, attempt, err: (spawnError as Error).message }, 'replacing the media worker failed; retrying');
        await new Promise((r) => setTimeout(r, Math.min(attempt * 500, 5000)));
        if (this.closed) return;
      }
    }
  }

  private wakeWaiting(): void {
    for (const wake of this.waiting.splice(0)) wake();
  }
}
