import { useEffect } from 'react';
import type { LatencyProbe } from '@shared';
import { send } from '../lesson/connection';
import { onNotice } from '../lesson/notices';
import { useLatencyStore } from './latencyStore';

type ProbeCode = typeof import('./latencyProbe');

/** After this long on the page its probe code is fetched, so a check started later need not wait for it. */
const PROBE_CODE_AFTER_MS = 5000;
let probeCode: Promise<ProbeCode> | null = null;
let loadedProbeCode: ProbeCode | null = null;

/**
 * The probe's own code (pattern, tones, watchers, clock sync), kept out of
 * what a lesson page loads before its first picture; a probe announced
 * earlier than PROBE_CODE_AFTER_MS waits for it (the probe starts seconds
 * after its announcement).
 */
function loadProbeCode(): Promise<ProbeCode> {
  probeCode ??= import('./latencyProbe').then(
    (code) => (loadedProbeCode = code),
    (error: unknown) => {
      probeCode = null; // a dropped line: the next probe tries again
      throw error;
    },
  );
  return probeCode;
}

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
      void loadProbeCode()
        .then((code) => code.runProbe(notice.probe))
        .catch((error: unknown) => console.warn('latency report failed', error));
    });
    const stopReports = onNotice('latencyReport', (notice) => {
      useLatencyStore.setState((state) =>
        state.probe?.probeId === notice.probeId ? { reports: { ...state.reports, [notice.reporterId]: notice.measurements } } : state,
      );
    });
    // For the bench, the end-to-end tests and support staff in the console.
    (window as unknown as { tongtangLatency: unknown }).tongtangLatency = {
      start: startLatencyProbe,
      samples: () => loadedProbeCode?.lastSamples ?? [],
      state: () => useLatencyStore.getState(),
    };
    const early = setTimeout(() => void loadProbeCode().catch(() => undefined), PROBE_CODE_AFTER_MS);
    return () => {
      clearTimeout(early);
      stopProbes();
      stopReports();
    };
  }, []);
}
