import type { Participant } from '@shared';
import { ParticipantTile } from '../common/ParticipantTile';
import { pickVideo } from '../common/useParticipantVideo';
import { ParticipantBadges } from '../interaction/ParticipantBadges';
import type { ReceivedTrack } from '../lesson/lessonStore';
import { onScreen, type Screen } from '../stage/stageScreen';

/** Who the strip shows: the teacher first, then the classrooms in the order they joined; not twice if already on the screen, nobody beside a grid. */
export function stripOf(screen: Screen, others: readonly Participant[], received: readonly ReceivedTrack[]): Participant[] {
  if (screen.layout === 'grid') return [];
  const teacher = others.find((participant) => participant.role === 'teacher');
  return [...(teacher ? [teacher] : []), ...others.filter((participant) => participant.role === 'classroom')].filter(
    (participant) => !onScreen(screen, participant.id, pickVideo(received, participant.id, null)?.source ?? null),
  );
}

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
