import { useShallow } from 'zustand/react/shallow';
import { useDictionary } from '../accounts/dictionary';
import { LessonStatusBadge } from '../common/LessonStatusBadge';
import { RecordingBadge } from '../recording/RecordingBadge';
import { RemoteAudio } from '../common/RemoteAudio';
import { sendsPictures } from '../common/sendsPictures';
import { StatusBanners } from '../common/StatusBanners';
import { ClassroomOverlay, overlayMessage } from '../classroom/ClassroomOverlay';
import { OthersStrip, stripOf } from '../classroom/OthersStrip';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { useInteractionStore } from '../interaction/interactionStore';
import { selectOthers, useLessonStore } from '../lesson/lessonStore';
import { screenOf } from '../stage/stageScreen';
import { StageView } from '../stage/StageView';
import { watchMessages } from './watchMessages';

/**
 * A lesson watched, receive-only (`/lesson/:id/watch`): a guest link's
 * holder, an observer of the bureau, an admin looking in (巡课). The screen a
 * classroom sees, as the lesson directs it, with the other pictures along
 * the bottom; no own camera, no hand, no devices. main.tsx joined the lesson
 * as an observer before this page drew.
 */
export function WatchPage() {
  const t = useDictionary(watchMessages);
  const lesson = useLessonStore((state) => state.lesson);
  const selfId = useLessonStore((state) => state.self?.id ?? null);
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
    <div className={overlay ? 'classroom-page classroom-page--overlaid' : 'classroom-page'} data-testid="watch-page">
      <StageView
        screen={screen}
        choice={stage.directing.choice}
        changedAt={stage.changedAt}
        participants={others}
        teacherName={lesson?.teacherName ?? ''}
        className="classroom-page__main"
      />
      {overlay && <ClassroomOverlay message={overlay} />}
      <p className="classroom-page__title">
        {lesson && (
          <>
            {lesson.title} <LessonStatusBadge status={lesson.status} /> <RecordingBadge />{' '}
          </>
        )}
        <span className="status-badge status-badge--ended" data-testid="watch-badge" title={t('watch.hint')}>
          {t('watch.badge')}
        </span>
      </p>
      <div className="classroom-page__language">
        <LanguageSwitch />
      </div>
      <div className="classroom-page__dock">
        <div className="classroom-page__bottom">
          <OthersStrip participants={strip} />
        </div>
      </div>
      <div className="classroom-page__banners">
        <StatusBanners />
      </div>
      <RemoteAudio />
    </div>
  );
}
