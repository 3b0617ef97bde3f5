import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { LatencyMeasurement } from '@shared';
import { takeSnapshot, type MetricSources, type Snapshot } from './snapshot.js';

/** Where the latency checks' results fall, in ms: 200 ms one way is good, past 400 ms a question and answer feel slow. */
const LATENCY_BUCKETS_MS = [50, 100, 150, 200, 300, 400, 600, 800, 1000, 1500, 2000, 3000];

/**
 * The server's Prometheus metrics. Most are read from the live state when
 * Prometheus scrapes (one snapshot per scrape, so the gauges agree), not
 * counted along the way: a count kept by hand drifts when a path forgets it,
 * the lessons and workers themselves cannot. Only the latency checks'
 * results are events, observed as pages report them.
 */
export class ServerMetrics {
  /** prom-client's registry of these metrics, the process's default ones included. */
  readonly registry = new Registry();
  private snapshot: Snapshot | null = null;
  private scrape: Promise<unknown> = Promise.resolve();
  private readonly latency: Histogram<'kind'>;

  constructor(private readonly sources: MetricSources) {
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    const now = (): Snapshot => {
      if (!this.snapshot) throw new Error('metrics collected outside a scrape');
      return this.snapshot;
    };
    new Gauge({
      name: 'tongtang_lessons', help: 'Lessons open on this server (someone in them or holding them), by status.', labelNames: ['status'], registers,
      collect() {
        for (const [status, count] of Object.entries(now().lessons)) this.set({ status }, count);
      },
    });
    new Gauge({
      name: 'tongtang_participants', help: 'Participants in the open lessons (a dropped one keeping its place counts), by role.', labelNames: ['role'], registers,
      collect() {
        for (const [role, count] of Object.entries(now().participants)) this.set({ role }, count);
      },
    });
    new Counter({
      name: 'tongtang_worker_cpu_seconds_total', help: 'CPU time of each media worker process, user and system.', labelNames: ['worker', 'pid', 'mode'], registers,
      collect() {
        // A replaced worker is a new pid: its series starts again at 0, as Prometheus expects of a restarted process.
        this.reset();
        for (const w of now().workers) {
          this.inc({ worker: w.index, pid: w.pid, mode: 'user' }, w.userSeconds);
          this.inc({ worker: w.index, pid: w.pid, mode: 'system' }, w.systemSeconds);
        }
      },
    });
    const perWorker = (name: string, help: string, figure: (w: Snapshot['workers'][number]) => number): void =>
      void new Gauge({
        name, help, labelNames: ['worker', 'pid'], registers,
        collect() {
          this.reset();
          for (const w of now().workers) this.set({ worker: w.index, pid: w.pid }, figure(w));
        },
      });
    perWorker('tongtang_worker_routers', 'Routers (one per open lesson) on each media worker, from its own dump.', (w) => w.routers);
    perWorker('tongtang_worker_transports', 'Transports on each media worker, from its own dump.', (w) => w.transports);
    perWorker('tongtang_worker_producers', 'Producers (tracks sent to the SFU) on each media worker, from its own dump.', (w) => w.producers);
    perWorker('tongtang_worker_consumers', 'Consumers (tracks sent out to a participant or recorder) on each media worker, from its own dump.', (w) => w.consumers);
    perWorker('tongtang_pipe_transports', 'Pipe transports between routers on each media worker (none until lessons span workers).', (w) => w.pipes);
    new Gauge({
      name: 'tongtang_recording_lessons', help: 'Lessons recording on this server now (录制).', registers,
      collect() {
        this.set(now().recordingLessons);
      },
    });
    new Gauge({
      name: 'tongtang_recording_jobs', help: 'Jobs after a lesson not done yet: directed views (导播画面) and micro-lesson clips (微课), by status.', labelNames: ['job', 'status'], registers,
      collect() {
        for (const { job, status, count } of now().jobs) this.set({ job, status }, count);
      },
    });
    new Gauge({
      name: 'tongtang_webhook_deliveries', help: 'Pushes (推送) in the outbox not delivered: pending (to be tried again) or failed (out of attempts).', labelNames: ['status'], registers,
      collect() {
        const { pending, failed } = now().webhookDeliveries;
        this.set({ status: 'pending' }, pending);
        this.set({ status: 'failed' }, failed);
      },
    });
    const { roster } = sources;
    new Gauge({
      name: 'tongtang_servers_alive', help: 'Tongtang servers sharing this Redis, this one included, as its roster last read them (a beat every 2 s).', registers,
      collect() {
        this.set(roster.servers().length);
      },
    });
    this.latency = new Histogram({
      name: 'tongtang_latency_probe_ms', help: 'Latency checks (延迟检测): each reported median, per sender and kind, in ms.', labelNames: ['kind'], buckets: LATENCY_BUCKETS_MS, registers,
    });
  }

  /** The Content-Type of `text()`. */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** A page reported what it measured in a latency check. */
  latencyReported(measurements: readonly LatencyMeasurement[]): void {
    for (const m of measurements) if (m.count > 0) this.latency.observe({ kind: m.kind }, m.p50);
  }

  /** The exposition text of one scrape; scrapes at the same time take turns, each with its own snapshot. */
  text(): Promise<string> {
    const run = async (): Promise<string> => {
      this.snapshot = await takeSnapshot(this.sources);
      try {
        return await this.registry.metrics();
      } finally {
        this.snapshot = null;
      }
    };
    const next = this.scrape.then(run, run);
    this.scrape = next.catch(() => undefined);
    return next;
  }
}
