import type { Participant } from '@shared';
import { ParticipantTile } from '../common/ParticipantTile';
import { VideoTile } from '../common/VideoTile';
import { ParticipantBadges } from '../interaction/ParticipantBadges';

export interface ClassroomMainViewProps {
  /** Who fills the screen: the teacher or the classroom that speaks; null while the teacher is not in the lesson. */
  shown: Participant | null;
  /** Shown while the teacher is not in the lesson. */
  teacherName: string;
}

/** The projected screen's main picture, at the sharpest layer the server has, following the lesson's directing. */
export function ClassroomMainView({ shown, teacherName }: ClassroomMainViewProps) {
  if (shown === null) {
    return <VideoTile track={null} label={teacherName} place="main" testId="main-view" className="classroom-page__main" />;
  }
  return (
    <ParticipantTile participant={shown} place="main" testId="main-view" className="classroom-page__main">
      <ParticipantBadges participantId={shown.id} />
    </ParticipantTile>
  );
}
