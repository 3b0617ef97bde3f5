import { useEffect } from 'react';
import { QUALITY_REPORT_INTERVAL_MS } from '@shared';
import { lessonConnected, send } from '../lesson/connection';
import { useLessonStore } from '../lesson/lessonStore';
import { ReceiveSampler } from './receiveSampler';

/**
 * A classroom tells the server, every two seconds, how what it receives is
 * doing, for the teacher's quality panel. A failed report is dropped: the
 * next one comes two seconds later.
 */
export function useQualityReporting(): void {
  useEffect(() => {
    const sampler = new ReceiveSampler();
    let busy = false;
    const timer = setInterval(() => {
      if (busy || !lessonConnected() || useLessonStore.getState().phase !== 'joined') return;
      busy = true;
      sampler
        .sample()
        .then((samples) => (samples.length > 0 ? send({ type: 'reportQuality', samples: samples.map(({ fromId: _from, ...sample }) => sample) }) : null))
        .catch((error: unknown) => console.debug('quality report not sent', error))
        .finally(() => (busy = false));
    }, QUALITY_REPORT_INTERVAL_MS);
    return () => clearInterval(timer);
  }, []);
}
