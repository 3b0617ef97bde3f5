import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { QUALITY_REPORT_INTERVAL_MS, type Participant, type PrecheckRecord, type QualityLevel, type UplinkState } from '@shared';
import { useI18nStore } from '../i18n/i18nStore';
import { useT } from '../i18n/useT';
import { send } from '../lesson/connection';
import { useLessonStore } from '../lesson/lessonStore';
import { loadQualityOverview, setOwnSamples, useQualityStore } from './qualityStore';
import { summarise, type DirectionSummary } from './qualitySummary';
import { ReceiveSampler } from './receiveSampler';
import '../../styles/quality.css';

/**
 * 网络质量, on the teacher's page: one row per classroom with its pre-class
 * check, how it receives the teacher (its own reports) and how the teacher
 * receives it (this page's getStats), each figure green, yellow or red.
 */
export function QualityPanel() {
  const t = useT();
  useTeacherQualityFeeds();
  const classrooms = useLessonStore(useShallow((state) => state.participants.filter((p) => p.role === 'classroom')));
  const prechecks = useQualityStore((state) => state.prechecks);
  const online = new Set(classrooms.map((c) => c.classroomId));
  // A classroom that checked but is not (yet) in the lesson still has a row: the teacher sees who is ready before class.
  const checkedOnly = Object.values(prechecks).filter((record) => !online.has(record.classroomId));
  return (
    <section className="quality-panel" data-testid="quality-panel">
      <h2 className="quality-panel__title">{t('quality.title')}</h2>
      {classrooms.length === 0 && checkedOnly.length === 0 && <p className="quality-panel__empty">{t('quality.empty')}</p>}
      {classrooms.map((classroom) => (
        <ClassroomQuality key={classroom.id} classroom={classroom} />
      ))}
      {checkedOnly.map((record) => (
        <div key={record.classroomId} className="quality-row" data-testid="quality-row" data-participant-id={record.participantId} data-online="no">
          <div className="quality-row__head">
            <span className="quality-row__name">{record.name}</span>
            <span className="quality-row__offline">{t('quality.offline')}</span>
          </div>
          <PrecheckLine record={record} />
        </div>
      ))}
    </section>
  );
}

/** Loads what the server knows after every (re)join, and samples the teacher's own receivers every two seconds. */
function useTeacherQualityFeeds(): void {
  const joined = useLessonStore((state) => state.phase === 'joined');
  useEffect(() => {
    if (!joined) return;
    send({ type: 'getQualityOverview' }).then(loadQualityOverview, (error: unknown) => console.warn('quality overview failed', error));
    const sampler = new ReceiveSampler();
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      sampler
        .sample()
        .then(setOwnSamples, (error: unknown) => console.debug('own receive stats failed', error))
        .finally(() => (busy = false));
    }, QUALITY_REPORT_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [joined]);
}

function ClassroomQuality({ classroom }: { classroom: Participant }) {
  const t = useT();
  const report = useQualityStore((state) => state.reports[classroom.id]);
  const own = useQualityStore((state) => state.own[classroom.id]);
  const record = useQualityStore((state) => (classroom.classroomId ? state.prechecks[classroom.classroomId] : undefined));
  const fromTeacher = summarise(report?.samples.filter((s) => s.fromId === 'teacher') ?? []);
  const toTeacher = summarise(own ?? []);
  const uplink = useQualityStore((state) => state.uplinks[classroom.id]);
  const measured = [fromTeacher, toTeacher].reduce<QualityLevel | null>((worst, line) => {
    if (!line) return worst;
    if (!worst || line.level === 'poor' || (line.level === 'fair' && worst === 'good')) return line.level;
    return worst;
  }, null);
  // A classroom the SFU limits is red whatever its figures say: the others see less of it.
  const level = uplink ? 'poor' : measured;
  return (
    <div className="quality-row" data-testid="quality-row" data-participant-id={classroom.id} data-online="yes" data-level={level ?? ''}>
      <div className="quality-row__head">
        <span className={`quality-dot quality-dot--${level ?? 'none'}`} aria-label={level ? t(`quality.level.${level}`) : t('quality.noData')} />
        <span className="quality-row__name">{classroom.name}</span>
      </div>
      <PrecheckLine record={record ?? null} />
      <DirectionLine label={t('quality.fromTeacher')} direction="fromTeacher" line={fromTeacher} />
      <DirectionLine label={t('quality.toTeacher')} direction="toTeacher" line={toTeacher} />
      {uplink && <UplinkLine state={uplink} />}
    </div>
  );
}

/** 上行保护: what the SFU holds back of this classroom, and why. */
function UplinkLine({ state }: { state: UplinkState }) {
  const t = useT();
  if (state.level === 'normal') return null;
  return (
    <p className="quality-row__uplink" role="alert" data-testid="quality-uplink" data-level={state.level}>
      {t(`quality.uplink.${state.level}`, { kbps: state.kbps, cap: state.capKbps })}
    </p>
  );
}

function PrecheckLine({ record }: { record: PrecheckRecord | null }) {
  const t = useT();
  const locale = useI18nStore((state) => state.locale);
  if (!record) return <p className="quality-row__precheck" data-testid="quality-precheck" data-verdict="">{t('quality.precheckNone')}</p>;
  const time = new Date(record.checkedAt).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', hour12: false });
  return (
    <p className={`quality-row__precheck quality-row__precheck--${record.verdict}`} data-testid="quality-precheck" data-verdict={record.verdict}>
      {t('quality.precheckAt', { time, verdict: t(`precheck.verdict.${record.verdict}`) })}
      {record.advice.length > 0 && (
        <span className="quality-row__advice">{record.advice.map((code) => t(`precheck.advice.${code}`, { port: '', turnPorts: '' })).join(' ')}</span>
      )}
    </p>
  );
}

function DirectionLine({ label, direction, line }: { label: string; direction: 'fromTeacher' | 'toTeacher'; line: DirectionSummary | null }) {
  const t = useT();
  return (
    <div
      className="quality-line"
      data-testid="quality-line"
      data-direction={direction}
      data-level={line?.level ?? ''}
      data-rtt-ms={line?.rttMs ?? ''}
      data-kbps={line?.kbps ?? ''}
      data-loss-pct={line?.lossPct ?? ''}
      data-layer={line?.layer ?? ''}
    >
      <span className="quality-line__label">{label}</span>
      {line ? (
        <span className="quality-line__figures">
          <Figure level={line.levels.rtt}>{line.rttMs === null ? '—' : t('quality.rtt', { ms: Math.round(line.rttMs) })}</Figure>
          <Figure level={line.levels.loss}>{t('quality.loss', { pct: line.lossPct.toFixed(1) })}</Figure>
          <Figure level={line.levels.bitrate}>{t('quality.bitrate', { kbps: line.kbps })}</Figure>
          {line.layer !== null && <Figure level="good">{t(`quality.layer${line.layer as 0 | 1 | 2}`)}</Figure>}
          <Figure level={line.levels.freezes}>{t('quality.freezes', { count: line.freezes })}</Figure>
        </span>
      ) : (
        <span className="quality-line__figures">{t('quality.noData')}</span>
      )}
    </div>
  );
}

function Figure({ level, children }: { level: QualityLevel; children: React.ReactNode }) {
  return <span className={`quality-figure quality-figure--${level}`}>{children}</span>;
}
