import { create } from 'zustand';
import type { LatencyMeasurement, LatencyProbe } from '@shared';

/** The latency probe as the pages show it; plain data only. */
export interface LatencyState {
  probe: LatencyProbe | null;
  /** This page is measuring right now. */
  running: boolean;
  /** Teacher: each page's report of the current probe, by reporter id. */
  reports: Record<string, LatencyMeasurement[]>;
  /** This page's clock estimate for the current probe. */
  clock: { offsetMs: number; rttMs: number } | null;
  failure: string | null;
}

export const useLatencyStore = create<LatencyState>(() => ({ probe: null, running: false, reports: {}, clock: null, failure: null }));
