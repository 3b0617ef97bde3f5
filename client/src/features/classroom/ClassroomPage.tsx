import { useShallow } from 'zustand/react/shallow';
import { LessonStatusBadge } from '../common/LessonStatusBadge';
import { RemoteAudio } from '../common/RemoteAudio';
import { StatusBanners } from '../common/StatusBanners';
import { useJoinLesson } from '../common/useJoinLesson';
import { useLocalVideoTrack } from '../common/useLocalVideoTrack';
import { VideoTile } from '../common/VideoTile';
import { useInteractionStore } from '../interaction/interactionStore';
import { mainViewTarget } from '../interaction/mainViewTarget';
import { ParticipantBadges } from '../interaction/ParticipantBadges';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { useLatencyProbe } from '../latency/useLatencyProbe';
import { useT } from '../i18n/useT';
import { selectOthers, useLessonStore } from '../lesson/lessonStore';
import { ClassroomChat } from './ClassroomChat';
import { ClassroomMainView } from './ClassroomMainView';
import { ClassroomOverlay, overlayMessage } from './ClassroomOverlay';
import { HandRaiseControl } from './HandRaiseControl';
import { InteractionNotices } from './InteractionNotices';
import { OthersStrip } from './OthersStrip';
import { SelfMuteButton } from './SelfMuteButton';

export interface ClassroomPageProps {
  lessonId: string;
  classroomId: string;
  /** The secret part of the classroom's link (`?key=`); React reserves the prop name `key`. */
  linkKey: string;
}

/**
 * A rural classroom's screen, projected for the whole class: whoever the lesson
 * directs to (the teacher, or the classroom that speaks) fills it; the others run
 * along the bottom with this classroom's own camera; 举手 sits bottom-right.
 */
export function ClassroomPage({ lessonId, classroomId, linkKey }: ClassroomPageProps) {
  useJoinLesson({ lessonId, role: 'classroom', classroomId, linkKey });
  useLatencyProbe();
  const t = useT();
  const lesson = useLessonStore((state) => state.lesson);
  const selfId = useLessonStore((state) => state.self?.id ?? null);
  const others = useLessonStore(useShallow(selectOthers));
  const directed = useInteractionStore((state) => state.mainView.participantId);
  const ownCamera = useLocalVideoTrack();

  const teacher = others.find((participant) => participant.role === 'teacher') ?? null;
  const mainId = mainViewTarget(
    directed,
    selfId,
    others.map((participant) => participant.id),
  );
  const shown = others.find((participant) => participant.id === mainId) ?? null;
  // The teacher first, then the classrooms in the order they joined.
  const strip = [...(teacher ? [teacher] : []), ...others.filter((participant) => participant.role === 'classroom')].filter(
    (participant) => participant.id !== mainId,
  );
  const overlay = overlayMessage(lesson?.status ?? null, teacher !== null);

  return (
    <div className={overlay ? 'classroom-page classroom-page--overlaid' : 'classroom-page'} data-testid="classroom-page">
      <ClassroomMainView shown={shown} teacherName={lesson?.teacherName ?? ''} />
      {overlay && <ClassroomOverlay message={overlay} />}
      {lesson && (
        <p className="classroom-page__title">
          {lesson.title} <LessonStatusBadge status={lesson.status} />
        </p>
      )}
      <div className="classroom-page__language">
        <LanguageSwitch />
      </div>
      <div className="classroom-page__dock">
        <InteractionNotices selfId={selfId} />
        <div className="classroom-page__bottom">
          <OthersStrip participants={strip} />
          <VideoTile
            track={ownCamera}
            label={t('classroom.selfLabel')}
            mirrored
            place="tile"
            participantId={selfId}
            testId="self-view"
            className="classroom-page__self"
          >
            <ParticipantBadges participantId={selfId} />
          </VideoTile>
          <div className="classroom-controls">
            <div className="classroom-controls__row">
              <SelfMuteButton />
              <ClassroomChat />
            </div>
            <HandRaiseControl selfId={selfId} />
          </div>
        </div>
      </div>
      <div className="classroom-page__banners">
        <StatusBanners />
      </div>
      <RemoteAudio />
    </div>
  );
}
