import { useEffect } from 'react';
import type { LatencyProbe } from '@shared';
import { send } from '../lesson/connection';
import { onNotice } from '../lesson/notices';
import { lastSamples, runProbe } from './latencyProbe';
import { useLatencyStore } from './latencyStore';

/** 延迟检测: the teacher asks the server to start a probe in every page (including her own). */
export async function startLatencyProbe(durationS?: number): Promise<LatencyProbe> {
  return send({ type: 'startLatencyProbe', ...(durationS ? { durationS } : {}) });
}

/**
 * Takes part in latency probes on this page: runs one when the server
 * announces it and (teacher) collects the pages' reports. Listens on the
 * probe's notices while the page shows.
 */
export function useLatencyProbe(): void {
  useEffect(() => {
    const stopProbes = onNotice('latencyProbe', (notice) => {
      void runProbe(notice.probe).catch((error: unknown) => console.warn('latency report failed', error));
    });
    const stopReports = onNotice('latencyReport', (notice) => {
      useLatencyStore.setState((state) =>
        state.probe?.probeId === notice.probeId ? { reports: { ...state.reports, [notice.reporterId]: notice.measurements } } : state,
      );
    });
    // For the bench, the end-to-end tests and support staff in the console.
    (window as unknown as { tongtangLatency: unknown }).tongtangLatency = {
      start: startLatencyProbe,
      samples: () => lastSamples,
      state: () => useLatencyStore.getState(),
    };
    return () => {
      stopProbes();
      stopReports();
    };
  }, []);
}
