import { useShallow } from 'zustand/react/shallow';
import { LessonStatusBadge } from '../common/LessonStatusBadge';
import { RecordingBadge } from '../recording/RecordingBadge';
import { RemoteAudio } from '../common/RemoteAudio';
import { StatusBanners } from '../common/StatusBanners';
import { useLocalVideoTrack } from '../common/useLocalVideoTrack';
import { VideoTile } from '../common/VideoTile';
import { useInteractionStore } from '../interaction/interactionStore';
import { ParticipantBadges } from '../interaction/ParticipantBadges';
import { sendsPictures } from '../common/sendsPictures';
import { DeviceSettingsButton } from '../devices/DeviceSettings';
import { screenOf } from '../stage/stageScreen';
import { StageView } from '../stage/StageView';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { useLatencyProbe } from '../latency/useLatencyProbe';
import { useT } from '../i18n/useT';
import { PrecheckLink } from '../precheck/PrecheckLink';
import { useQualityReporting } from '../quality/useQualityReporting';
import { selectOthers, useLessonStore } from '../lesson/lessonStore';
import { ClassroomChat } from './ClassroomChat';
import { ClassroomOverlay, overlayMessage } from './ClassroomOverlay';
import { HandRaiseControl } from './HandRaiseControl';
import { InteractionNotices } from './InteractionNotices';
import { OthersStrip, stripOf } from './OthersStrip';
import { SelfMuteButton } from './SelfMuteButton';

export interface ClassroomPageProps {
  lessonId: string;
  classroomId: string;
}

/**
 * A rural classroom's screen, projected for the whole class: what the lesson
 * directs to fills it (the teacher, the courseware with the teacher in a
 * corner, the classroom that speaks, a grid); the others run along the bottom
 * with this classroom's own camera; 举手 sits bottom-right.
 */
export function ClassroomPage({ lessonId, classroomId }: ClassroomPageProps) {
  useQualityReporting();
  useLatencyProbe();
  const t = useT();
  const lesson = useLessonStore((state) => state.lesson);
  const selfId = useLessonStore((state) => state.self?.id ?? null);
  // Observers receive only: no tile, no grid cell.
  const others = useLessonStore(useShallow((state) => selectOthers(state).filter(sendsPictures)));
  const stage = useInteractionStore((state) => state.stage);
  const received = useLessonStore((state) => state.received);
  const ownCamera = useLocalVideoTrack();

  const teacher = others.find((participant) => participant.role === 'teacher') ?? null;
  const screen = screenOf(
    stage,
    selfId,
    others.map((participant) => participant.id),
  );
  const strip = stripOf(screen, others, received);
  const overlay = overlayMessage(lesson?.status ?? null, teacher !== null);

  return (
    <div className={overlay ? 'classroom-page classroom-page--overlaid' : 'classroom-page'} data-testid="classroom-page">
      <StageView
        screen={screen}
        choice={stage.directing.choice}
        changedAt={stage.changedAt}
        participants={others}
        teacherName={lesson?.teacherName ?? ''}
        className="classroom-page__main"
      />
      {overlay && <ClassroomOverlay message={overlay} />}
      {lesson && (
        <p className="classroom-page__title">
          {lesson.title} <LessonStatusBadge status={lesson.status} /> <RecordingBadge />
        </p>
      )}
      <div className="classroom-page__language">
        <PrecheckLink lessonId={lessonId} classroomId={classroomId} />
        <DeviceSettingsButton role="classroom" />
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
