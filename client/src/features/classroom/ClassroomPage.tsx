import { useShallow } from 'zustand/react/shallow';
import { RemoteAudio } from '../common/RemoteAudio';
import { StatusBanners } from '../common/StatusBanners';
import { useJoinLesson } from '../common/useJoinLesson';
import { useLocalVideoTrack } from '../common/useLocalVideoTrack';
import { VideoTile } from '../common/VideoTile';
import { LessonStatusBadge } from '../common/LessonStatusBadge';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { useT } from '../i18n/useT';
import { selectOthers, useLessonStore } from '../lesson/lessonStore';
import { ClassroomOverlay, overlayMessage } from './ClassroomOverlay';
import { OtherClassroomsStrip } from './OtherClassroomsStrip';
import { TeacherView } from './TeacherView';

export interface ClassroomPageProps {
  lessonId: string;
  classroomId: string;
  /** The secret part of the classroom's link (`?key=`); React reserves the prop name `key`. */
  linkKey: string;
}

/**
 * A rural classroom's screen, projected for the whole class: the teacher fills it,
 * the other classrooms run along the bottom, this classroom's own camera sits in a corner.
 */
export function ClassroomPage({ lessonId, classroomId, linkKey }: ClassroomPageProps) {
  useJoinLesson({ lessonId, role: 'classroom', classroomId, linkKey });
  const t = useT();
  const lesson = useLessonStore((state) => state.lesson);
  const selfId = useLessonStore((state) => state.self?.id ?? null);
  const others = useLessonStore(useShallow(selectOthers));
  const teacher = others.find((participant) => participant.role === 'teacher') ?? null;
  const otherClassrooms = others.filter((participant) => participant.role === 'classroom');
  const ownCamera = useLocalVideoTrack();
  const overlay = overlayMessage(lesson?.status ?? null, teacher !== null);

  return (
    <div className={overlay ? 'classroom-page classroom-page--overlaid' : 'classroom-page'} data-testid="classroom-page">
      <TeacherView teacher={teacher} teacherName={lesson?.teacherName ?? ''} />
      {overlay && <ClassroomOverlay message={overlay} />}
      {lesson && (
        <p className="classroom-page__title">
          {lesson.title} <LessonStatusBadge status={lesson.status} />
        </p>
      )}
      <div className="classroom-page__language">
        <LanguageSwitch />
      </div>
      <div className="classroom-page__bottom">
        <OtherClassroomsStrip classrooms={otherClassrooms} />
        <VideoTile
          track={ownCamera}
          label={t('classroom.selfLabel')}
          mirrored
          place="tile"
          participantId={selfId}
          testId="self-view"
          className="classroom-page__self"
        />
      </div>
      <div className="classroom-page__banners">
        <StatusBanners />
      </div>
      <RemoteAudio />
    </div>
  );
}
