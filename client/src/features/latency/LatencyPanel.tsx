import { useShallow } from 'zustand/react/shallow';
import type { LatencyMeasurement } from '@shared';
import { PROBE_DEFAULT_SECONDS } from '@shared';
import { useNow } from '../common/useNow';
import { ActionError } from '../interaction/ActionError';
import { useAction } from '../interaction/useAction';
import type { MessageKey } from '../i18n/messages';
import { useT } from '../i18n/useT';
import { selectOthers, useLessonStore } from '../lesson/lessonStore';
import { rateOneWay, rateRoundTrip, rateSkew, type Rating } from './latencyRating';
import { useLatencyStore } from './latencyStore';
import { startLatencyProbe } from './useLatencyProbe';

type Kind = LatencyMeasurement['kind'];

interface Cell {
  key: string;
  label: MessageKey;
  value: number | null;
  rating: Rating | null;
}

const find = (rows: LatencyMeasurement[] | undefined, from: string, kind: Kind): LatencyMeasurement | null =>
  rows?.find((row) => row.from === from && row.kind === kind) ?? null;

/** The row of one classroom: both directions as each end measured them, sound vs picture, and the round trip. */
function cellsFor(classroomId: string, reports: Record<string, LatencyMeasurement[]>): Cell[] {
  const atClassroom = reports[classroomId];
  const atTeacher = reports['teacher'];
  const downVideo = find(atClassroom, 'teacher', 'video');
  const downAudio = find(atClassroom, 'teacher', 'audio');
  const upVideo = find(atTeacher, classroomId, 'video');
  const upAudio = find(atTeacher, classroomId, 'audio');
  const answer = find(atTeacher, classroomId, 'answer');
  const skew = downVideo && downAudio ? downAudio.p50 - downVideo.p50 : null;
  // Rated by p95: a check should be green only if nearly every moment was.
  const oneWay = (key: string, label: MessageKey, row: LatencyMeasurement | null): Cell => ({ key, label, value: row?.p50 ?? null, rating: row ? rateOneWay(row.p95) : null });
  return [
    oneWay('down-video', 'latency.downVideo', downVideo),
    oneWay('down-audio', 'latency.downAudio', downAudio),
    oneWay('up-video', 'latency.upVideo', upVideo),
    oneWay('up-audio', 'latency.upAudio', upAudio),
    { key: 'skew', label: 'latency.skew', value: skew, rating: skew === null ? null : rateSkew(skew) },
    { key: 'round-trip', label: 'latency.roundTrip', value: answer?.p50 ?? null, rating: answer ? rateRoundTrip(answer.p95) : null },
  ];
}

/**
 * 延迟检测 on the teacher page: one big button, then a table per classroom,
 * median milliseconds coloured green/yellow/red against the 1.5 s limit.
 */
export function LatencyPanel() {
  const t = useT();
  const action = useAction();
  const { probe, running, reports } = useLatencyStore(useShallow((state) => ({ probe: state.probe, running: state.running, reports: state.reports })));
  const classrooms = useLessonStore(useShallow((state) => selectOthers(state).filter((p) => p.role === 'classroom')));
  const joined = useLessonStore((state) => state.phase === 'joined');
  const seconds = probe ? Math.round(probe.durationMs / 1000) : PROBE_DEFAULT_SECONDS;
  // The check opens classroom microphones at the SFU for a short window; the teacher sees how long is left.
  const now = useNow(probe !== null && probe.microphonesOpenUntil > Date.now());
  const micSecondsLeft = probe ? Math.ceil((probe.microphonesOpenUntil - now) / 1000) : 0;

  return (
    <section className="panel latency-panel" data-testid="latency-panel" data-running={running}>
      <header className="panel__header">
        <h2 className="panel__title">{t('latency.title')}</h2>
        <button
          type="button"
          data-testid="latency-probe-start"
          disabled={!joined || running || action.pending}
          onClick={() => void action.run(async () => void (await startLatencyProbe()))}
        >
          {t('latency.start')}
        </button>
      </header>
      <ActionError error={action.error} testId="latency-probe-error" />
      {running && <p>{t('latency.running', { seconds })}</p>}
      {micSecondsLeft > 0 && (
        <p className="latency-panel__microphones" data-testid="latency-microphones-open">
          {t('latency.microphonesOpen', { seconds: micSecondsLeft })}
        </p>
      )}
      {probe && !running && (
        <table className="latency-table" data-testid="latency-table">
          <thead>
            <tr>
              <th>{t('latency.classroom')}</th>
              {cellsFor('', {}).map((cell) => (
                <th key={cell.key}>{t(cell.label)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {classrooms.map((classroom) => (
              <tr key={classroom.id} data-testid="latency-row" data-classroom-id={classroom.id} data-reported={classroom.id in reports}>
                <td>{classroom.name}</td>
                {cellsFor(classroom.id, reports).map((cell) => (
                  <td
                    key={cell.key}
                    data-kind={cell.key}
                    data-ms={cell.value ?? undefined}
                    className={cell.rating ? `latency-cell latency-cell--${cell.rating}` : 'latency-cell'}
                  >
                    {cell.value === null ? t(classroom.id in reports ? 'latency.none' : 'latency.waiting') : `${cell.value} ms`}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="latency-panel__hint">{t(probe ? 'latency.legend' : 'latency.hint')}</p>
    </section>
  );
}
