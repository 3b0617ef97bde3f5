import { useShallow } from 'zustand/react/shallow';
import { LazyChatPanel } from '../chat/LazyChatPanel';
import { ChatSwitch } from '../chat/ChatSwitch';
import { lazyPart } from '../common/lazyPart';
import { LessonStatusBadge } from '../common/LessonStatusBadge';
import { DeferredPanel } from '../common/DeferredPanel';
import { RemoteAudio } from '../common/RemoteAudio';
import { StatusBanners } from '../common/StatusBanners';
import { useInteractionStore } from '../interaction/interactionStore';
import { mainViewTarget, TEACHER_ID } from '../interaction/mainViewTarget';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { useLatencyProbe } from '../latency/useLatencyProbe';
import { useT } from '../i18n/useT';
import { selectOthers, useLessonStore } from '../lesson/lessonStore';
import { ClassroomTiles, MainClassroomView } from './ClassroomTiles';
import { FloorControls } from './FloorControls';
import { HandQueue } from './HandQueue';
import { LessonStatusButton } from './LessonStatusButton';
import { TeacherSelfView } from './TeacherSelfView';
import { DirectingPanel } from './DirectingPanel';
import { CoursewareButton } from '../courseware/CoursewareButton';
import { DeviceSettingsButton } from '../devices/DeviceSettings';
import { RecordButton } from '../recording/RecordButton';
import { RecordingBadge } from '../recording/RecordingBadge';
import { ObserverListButton } from '../observers/ObserverListButton';
import { CommentsLivePanel } from '../observers/CommentsLivePanel';
import { ViewerCount } from './ViewerCount';
import { QuestionsPanel } from '../questions/QuestionsPanel';

// Checks the teacher runs later in the lesson: loaded after her page has drawn, not before the first picture.
const QualityPanel = lazyPart(() => import('../quality/QualityPanel').then((module) => module.QualityPanel));
const LatencyPanel = lazyPart(() => import('../latency/LatencyPanel').then((module) => module.LatencyPanel));

/**
 * The city teacher's laptop: what every classroom sees on the left (main view,
 * the other pictures under it), and on the right what she steers the class with:
 * raised hands, the floor, and the chat. The page joined its lesson before it
 * first rendered (main.tsx).
 */
export function TeacherPage() {
  useLatencyProbe();
  const t = useT();
  const lesson = useLessonStore((state) => state.lesson);
  const selfId = useLessonStore((state) => state.self?.id ?? TEACHER_ID);
  const joined = useLessonStore((state) => state.phase === 'joined');
  const classrooms = useLessonStore(
    useShallow((state) => selectOthers(state).filter((participant) => participant.role === 'classroom')),
  );
  const directed = useInteractionStore((state) => state.mainView.participantId);
  const mainId = mainViewTarget(
    directed,
    selfId,
    classrooms.map((classroom) => classroom.id),
  );
  const mainClassroom = classrooms.find((classroom) => classroom.id === mainId) ?? null;

  return (
    <div className="teacher-page" data-testid="teacher-page">
      <header className="page-header">
        <h1 className="page-header__title">{lesson?.title ?? t('lesson.joining')}</h1>
        {lesson && <LessonStatusBadge status={lesson.status} />}
        <RecordingBadge />
        <span className="page-header__count" data-testid="classrooms-online" data-count={classrooms.length}>
          {t('teacher.classroomsOnline', { count: classrooms.length })}
        </span>
        <ViewerCount />
        <div className="page-header__actions">
          <CoursewareButton enabled={joined} />
          <RecordButton enabled={joined && lesson !== null && lesson.status !== 'ended'} />
          <LessonStatusButton status={lesson?.status ?? 'waiting'} enabled={joined && lesson !== null} />
          <ObserverListButton enabled={joined} />
          <DeviceSettingsButton role="teacher" />
          <LanguageSwitch />
        </div>
      </header>
      <StatusBanners />
      <main className="teacher-page__stage">
        <section className="teacher-page__pictures">
          {mainClassroom ? <MainClassroomView classroom={mainClassroom} /> : <TeacherSelfView place="main" />}
          <ClassroomTiles
            classrooms={classrooms.filter((classroom) => classroom.id !== mainId)}
            showSelf={mainClassroom !== null}
            anyOnline={classrooms.length > 0}
          />
        </section>
        <aside className="teacher-page__side">
          <HandQueue />
          <QuestionsPanel />
          <DirectingPanel />
          <FloorControls />
          <DeferredPanel>
            <QualityPanel />
          </DeferredPanel>
          <DeferredPanel>
            <LatencyPanel />
          </DeferredPanel>
          <CommentsLivePanel enabled={joined} />
          <DeferredPanel>
            <LazyChatPanel controls={<ChatSwitch />} className="teacher-page__chat" />
          </DeferredPanel>
        </aside>
      </main>
      <RemoteAudio />
    </div>
  );
}
