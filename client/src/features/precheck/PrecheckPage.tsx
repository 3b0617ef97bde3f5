import { useCallback, useEffect } from 'react';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { isMessageKey } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { localVerdict, precheck } from './precheckService';
import { usePrecheckStore } from './precheckStore';
import { PrecheckSteps } from './PrecheckSteps';
import { SpeakerCheck } from './SpeakerCheck';
import '../../styles/precheck.css';

export interface PrecheckPageProps {
  lessonId: string;
  classroomId: string;
  /** The secret part of the classroom's link (`?key=`). */
}

/**
 * 课前检测: opened from the classroom page (or its own link) before class.
 * Everything but the speakers runs by itself; one big verdict says whether
 * class can go on and, in plain words, what to do. The result goes to the teacher.
 */
export function PrecheckPage({ lessonId, classroomId }: PrecheckPageProps) {
  const t = useT();
  const classroomName = usePrecheckStore((state) => state.classroomName);
  const run = useCallback(() => void precheck.start({ lessonId, classroomId }), [lessonId, classroomId]);

  useEffect(() => {
    run();
    return () => precheck.stop();
  }, [run]);

  const classroomLink = `/lesson/${encodeURIComponent(lessonId)}/classroom/${encodeURIComponent(classroomId)}`;
  return (
    <div className="precheck-page" data-testid="precheck-page">
      <header className="page-header">
        <h1 className="page-header__title">
          {t('precheck.title')}
          {classroomName && ` · ${classroomName}`}
        </h1>
        <div className="page-header__actions">
          <LanguageSwitch />
        </div>
      </header>
      <p className="precheck-page__intro">{t('precheck.intro')}</p>
      <Verdict onRetry={run} classroomLink={classroomLink} />
      <div className="precheck-page__body">
        <PrecheckSteps />
        <SpeakerCheck />
      </div>
    </div>
  );
}

function Verdict({ onRetry, classroomLink }: { onRetry(): void; classroomLink: string }) {
  const t = useT();
  const state = usePrecheckStore();
  const local = localVerdict(state);
  // The server's record is the one the teacher sees; before it arrives the page applies the same rule itself.
  const verdict = state.record?.verdict ?? local?.verdict ?? null;
  const advice = state.record?.advice ?? local?.advice ?? [];
  const busy = state.phase === 'running' || state.phase === 'submitting';
  const heading =
    state.phase === 'failed'
      ? t(isMessageKey(state.failure ?? '') ? (state.failure as never) : 'error.network')
      : verdict
        ? t(`precheck.verdict.${verdict}`)
        : t(state.phase === 'waitingForPerson' ? 'precheck.verdict.waitingForPerson' : 'precheck.verdict.running');
  return (
    <section
      className={`precheck-verdict precheck-verdict--${state.phase === 'failed' ? 'blocked' : (verdict ?? 'pending')}`}
      data-testid="precheck-verdict"
      data-verdict={verdict ?? ''}
      data-phase={state.phase}
      role="status"
    >
      <h2 className="precheck-verdict__heading">{heading}</h2>
      {verdict && advice.length === 0 && <p>{t('precheck.allGood')}</p>}
      {advice.length > 0 && (
        <>
          <p>{t('precheck.todo')}</p>
          <ol className="precheck-verdict__advice" data-testid="precheck-advice">
            {advice.map((code) => (
              <li key={code} data-advice={code}>
                {t(`precheck.advice.${code}`, { port: state.mediaPort ?? '—', turnPorts: state.turnPorts ?? '—' })}
              </li>
            ))}
          </ol>
        </>
      )}
      {state.phase === 'done' && (
        <p className="precheck-verdict__sent" data-testid="precheck-sent" data-sent={state.record ? 'yes' : 'no'}>
          {state.record ? t('precheck.sentToTeacher') : t('precheck.notSent', { reason: t(isMessageKey(state.failure ?? '') ? (state.failure as never) : 'error.network') })}
        </p>
      )}
      <div className="precheck-verdict__actions">
        <button type="button" className="big-button" onClick={onRetry} disabled={busy} data-testid="precheck-retry">
          {t('precheck.retry')}
        </button>
        <a className="big-button big-button--start precheck-verdict__enter" href={classroomLink} data-testid="precheck-enter-class">
          {t('precheck.enterClass')}
        </a>
      </div>
    </section>
  );
}
