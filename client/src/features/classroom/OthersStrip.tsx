import type { Participant } from '@shared';
import { ParticipantTile } from '../common/ParticipantTile';
import { ParticipantBadges } from '../interaction/ParticipantBadges';

/**
 * Everyone not on the main view, as small tiles along the bottom: the other paired
 * classrooms, so each class sees who learns with them, and the teacher while a classroom speaks.
 */
export function OthersStrip({ participants }: { participants: Participant[] }) {
  if (participants.length === 0) return null;
  return (
    <div className="classroom-strip">
      {participants.map((participant) => (
        <ParticipantTile
          key={participant.id}
          participant={participant}
          place="tile"
          testId={participant.role === 'teacher' ? 'teacher-tile' : 'classroom-tile'}
        >
          <ParticipantBadges participantId={participant.id} />
        </ParticipantTile>
      ))}
    </div>
  );
}
