import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

/** Clock ticks per second of /proc (USER_HZ, 100 on Linux). */
const HZ = 100;

function machineTicks(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  const total = fields.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/** CPU ticks used so far by `root` and every process under it (server, mediasoup worker, Redis, Chromium). */
function treeTicks(root: number): number {
  const parent = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(entry), Number(fields[1]));
      ticks.set(Number(entry), Number(fields[11]) + Number(fields[12]));
    } catch {
      // the process ended meanwhile
    }
  }
  let sum = 0;
  for (const [pid, used] of ticks) {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parent.get(p)) {
      if (p === root) {
        sum += used;
        break;
      }
    }
  }
  return sum;
}

export interface CpuFigures {
  cores: number;
  /** Whole machine, % of all cores (other engineers' tests included). */
  machine_pct: number;
  /** This bench's own processes, % of all cores. */
  bench_pct: number;
  /** The machine's 1-minute load average at the end: runnable processes competing for the cores. */
  load_avg: number;
}

/** Measures CPU from now until `stop()`. */
export function measureCpu(): { stop(): CpuFigures } {
  const cores = cpus().length;
  const startedAt = performance.now();
  const machine = machineTicks();
  const tree = treeTicks(process.pid);
  return {
    stop: () => {
      const seconds = (performance.now() - startedAt) / 1000;
      const after = machineTicks();
      const pct = (v: number): number => Math.round(v * 10) / 10;
      return {
        cores,
        machine_pct: pct((100 * (after.busy - machine.busy)) / Math.max(1, after.total - machine.total)),
        bench_pct: pct((100 * (treeTicks(process.pid) - tree)) / HZ / seconds / cores),
        load_avg: pct(loadavg()[0] ?? 0),
      };
    },
  };
}
