import type { Participant } from '@shared';
import { ParticipantTile } from '../common/ParticipantTile';

/** The other paired classrooms as small tiles along the bottom, so each class sees who learns with them. */
export function OtherClassroomsStrip({ classrooms }: { classrooms: Participant[] }) {
  if (classrooms.length === 0) return null;
  return (
    <div className="classroom-strip">
      {classrooms.map((classroom) => (
        <ParticipantTile key={classroom.id} participant={classroom} place="tile" testId="classroom-tile" />
      ))}
    </div>
  );
}
