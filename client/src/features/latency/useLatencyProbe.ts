import { useEffect } from 'react';
import { serverNoticeSchema, type LatencyProbe } from '@shared';
import { request } from '../lesson/connection';
import { currentSocket } from '../lesson/session';
import { lastSamples, runProbe } from './latencyProbe';
import { useLatencyStore } from './latencyStore';

/** 延迟检测: the teacher asks the server to start a probe in every page (including her own). */
export async function startLatencyProbe(durationS?: number): Promise<LatencyProbe> {
  const socket = currentSocket();
  if (!socket) throw new Error('not connected');
  return request(socket, { type: 'startLatencyProbe', ...(durationS ? { durationS } : {}) });
}

/**
 * Takes part in latency probes on this page: runs one when the server
 * announces it and (teacher) collects the pages' reports. Listens on the
 * lesson's connection next to the page's own notice handling.
 */
export function useLatencyProbe(): void {
  useEffect(() => {
    const socket = currentSocket();
    if (!socket) return;
    const onNotice = (raw: unknown): void => {
      const parsed = serverNoticeSchema.safeParse(raw);
      if (!parsed.success) return;
      const notice = parsed.data;
      if (notice.type === 'latencyProbe') {
        void runProbe(socket, notice.probe).catch((error: unknown) => console.warn('latency report failed', error));
      } else if (notice.type === 'latencyReport') {
        useLatencyStore.setState((state) =>
          state.probe?.probeId === notice.probeId ? { reports: { ...state.reports, [notice.reporterId]: notice.measurements } } : state,
        );
      }
    };
    socket.on('notice', onNotice);
    // For the bench, the end-to-end tests and support staff in the console.
    (window as unknown as { tongtangLatency: unknown }).tongtangLatency = {
      start: startLatencyProbe,
      samples: () => lastSamples,
      state: () => useLatencyStore.getState(),
    };
    return () => {
      socket.off('notice', onNotice);
    };
  }, []);
}
