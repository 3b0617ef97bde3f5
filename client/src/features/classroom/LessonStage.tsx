import type { ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { LessonStatusBadge } from '../common/LessonStatusBadge';
import { RecordingBadge } from '../recording/RecordingBadge';
import { RemoteAudio } from '../common/RemoteAudio';
import { sendsPictures } from '../common/sendsPictures';
import { StatusBanners } from '../common/StatusBanners';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { useInteractionStore } from '../interaction/interactionStore';
import { selectOthers, useLessonStore } from '../lesson/lessonStore';
import { screenOf } from '../stage/stageScreen';
import { StageView } from '../stage/StageView';
import { ClassroomOverlay, overlayMessage } from './ClassroomOverlay';
import { OthersStrip, stripOf } from './OthersStrip';
import { ShownQuestion } from '../questions/ShownQuestion';

export interface LessonStageProps {
  testId: string;
  /** After the lesson's title and status, on the same line (the watch page's 观课 badge). */
  titleBadge?: ReactNode;
  /** In the top corner, before the language switch (a classroom's check and device settings). */
  cornerTools?: ReactNode;
  /** Above the strip along the bottom (a classroom's notices). */
  aboveStrip?: ReactNode;
  /** After the strip, on the same row (a classroom's own camera and controls). */
  besideStrip?: ReactNode;
}

/**
 * The screen a classroom sees, as the lesson directs it: the stage, the
 * overlay while class is not going on, the lesson's title, the others along
 * the bottom, the banners and everyone's sound. The classroom page and the
 * watch page each add their own parts in its slots.
 */
export function LessonStage({ testId, titleBadge, cornerTools, aboveStrip, besideStrip }: LessonStageProps) {
  const lesson = useLessonStore((state) => state.lesson);
  const selfId = useLessonStore((state) => state.self?.id ?? null);
  // Observers receive only: no tile, no grid cell.
  const others = useLessonStore(useShallow((state) => selectOthers(state).filter(sendsPictures)));
  const stage = useInteractionStore((state) => state.stage);
  const received = useLessonStore((state) => state.received);

  const teacher = others.find((participant) => participant.role === 'teacher') ?? null;
  const screen = screenOf(
    stage,
    selfId,
    others.map((participant) => participant.id),
  );
  const strip = stripOf(screen, others, received);
  const overlay = overlayMessage(lesson?.status ?? null, teacher !== null);

  return (
    <div className={overlay ? 'classroom-page classroom-page--overlaid' : 'classroom-page'} data-testid={testId}>
      <StageView
        screen={screen}
        choice={stage.directing.choice}
        changedAt={stage.changedAt}
        participants={others}
        teacherName={lesson?.teacherName ?? ''}
        className="classroom-page__main"
      />
      {overlay && <ClassroomOverlay message={overlay} />}
      {(lesson || titleBadge) && (
        <p className="classroom-page__title">
          {lesson && (
            <>
              {lesson.title} <LessonStatusBadge status={lesson.status} /> <RecordingBadge />
              {titleBadge && ' '}
            </>
          )}
          {titleBadge}
        </p>
      )}
      <div className="classroom-page__language">
        {cornerTools}
        <LanguageSwitch />
      </div>
      <div className="classroom-page__dock">
        <ShownQuestion />
        {aboveStrip}
        <div className="classroom-page__bottom">
          <OthersStrip participants={strip} />
          {besideStrip}
        </div>
      </div>
      <div className="classroom-page__banners">
        <StatusBanners />
      </div>
      <RemoteAudio />
    </div>
  );
}
