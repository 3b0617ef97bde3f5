import { useLocalVideoTrack } from '../common/useLocalVideoTrack';
import { VideoTile } from '../common/VideoTile';
import { ParticipantBadges } from '../interaction/ParticipantBadges';
import { DeviceSettingsButton } from '../devices/DeviceSettings';
import { useLatencyProbe } from '../latency/useLatencyProbe';
import { useT } from '../i18n/useT';
import { PrecheckLink } from '../precheck/PrecheckLink';
import { useQualityReporting } from '../quality/useQualityReporting';
import { useLessonStore } from '../lesson/lessonStore';
import { ClassroomChat } from './ClassroomChat';
import { HandRaiseControl } from './HandRaiseControl';
import { InteractionNotices } from './InteractionNotices';
import { LessonStage } from './LessonStage';
import { SelfMuteButton } from './SelfMuteButton';
import { useBackToWaitingAfterClass } from './backToWaiting';

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
  useBackToWaitingAfterClass();
  const t = useT();
  const selfId = useLessonStore((state) => state.self?.id ?? null);
  const ownCamera = useLocalVideoTrack();

  return (
    <LessonStage
      testId="classroom-page"
      cornerTools={
        <>
          <PrecheckLink lessonId={lessonId} classroomId={classroomId} />
          <DeviceSettingsButton role="classroom" />
        </>
      }
      aboveStrip={<InteractionNotices selfId={selfId} />}
      besideStrip={
        <>
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
        </>
      }
    />
  );
}
