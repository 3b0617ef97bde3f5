import { useShallow } from 'zustand/react/shallow';
import { RemoteAudio } from '../common/RemoteAudio';
import { StatusBanners } from '../common/StatusBanners';
import { useJoinLesson } from '../common/useJoinLesson';
import { useLocalVideoTrack } from '../common/useLocalVideoTrack';
import { VideoTile } from '../common/VideoTile';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { useT } from '../i18n/useT';
import { selectOthers, useLessonStore } from '../lesson/lessonStore';
import { ClassroomTiles } from './ClassroomTiles';
import { LessonStatusBadge } from '../common/LessonStatusBadge';
import { LessonStatusButton } from './LessonStatusButton';

export interface TeacherPageProps {
  lessonId: string;
  /** The secret part of the teacher's link (`?key=`); React reserves the prop name `key`. */
  linkKey: string;
}

/** The city teacher's screen: their own camera large, the paired classrooms beside it, one button to start or end. */
export function TeacherPage({ lessonId, linkKey }: TeacherPageProps) {
  useJoinLesson({ lessonId, role: 'teacher', linkKey });
  const t = useT();
  const lesson = useLessonStore((state) => state.lesson);
  const self = useLessonStore((state) => state.self);
  const joined = useLessonStore((state) => state.phase === 'joined');
  const classrooms = useLessonStore(
    useShallow((state) => selectOthers(state).filter((participant) => participant.role === 'classroom')),
  );
  const ownCamera = useLocalVideoTrack();
  const teacherName = self?.name ?? lesson?.teacherName ?? '';

  return (
    <div className="teacher-page" data-testid="teacher-page">
      <header className="page-header">
        <h1 className="page-header__title">{lesson?.title ?? t('lesson.joining')}</h1>
        {lesson && <LessonStatusBadge status={lesson.status} />}
        <span className="page-header__count" data-testid="classrooms-online" data-count={classrooms.length}>
          {t('teacher.classroomsOnline', { count: classrooms.length })}
        </span>
        <div className="page-header__actions">
          <LessonStatusButton status={lesson?.status ?? 'waiting'} enabled={joined && lesson !== null} />
          <LanguageSwitch />
        </div>
      </header>
      <StatusBanners />
      <main className="teacher-page__stage">
        <VideoTile
          track={ownCamera}
          label={t('teacher.selfLabel', { name: teacherName })}
          mirrored
          place="main"
          participantId={self?.id}
          testId="self-view"
          className="teacher-page__self"
        />
        <section className="teacher-page__classrooms">
          <ClassroomTiles classrooms={classrooms} />
        </section>
      </main>
      <RemoteAudio />
    </div>
  );
}
