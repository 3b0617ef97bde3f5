import type { Participant } from '@shared';
import { ParticipantTile } from '../common/ParticipantTile';
import { VideoTile } from '../common/VideoTile';

export interface TeacherViewProps {
  teacher: Participant | null;
  /** Shown while the teacher is not in the lesson. */
  teacherName: string;
}

/** The teacher's picture filling the projected screen, at the sharpest layer the server has. */
export function TeacherView({ teacher, teacherName }: TeacherViewProps) {
  if (teacher === null) {
    return <VideoTile track={null} label={teacherName} place="main" testId="main-view" className="classroom-page__main" />;
  }
  return <ParticipantTile participant={teacher} place="main" testId="main-view" className="classroom-page__main" />;
}
