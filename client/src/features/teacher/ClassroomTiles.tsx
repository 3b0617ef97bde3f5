import type { Participant } from '@shared';
import { ParticipantTile } from '../common/ParticipantTile';
import { useT } from '../i18n/useT';

/** The paired classrooms, each its camera with its name over it. */
export function ClassroomTiles({ classrooms }: { classrooms: Participant[] }) {
  const t = useT();
  if (classrooms.length === 0) {
    return <p className="classroom-tiles classroom-tiles--empty">{t('teacher.noClassrooms')}</p>;
  }
  return (
    <div className="classroom-tiles">
      {classrooms.map((classroom) => (
        <ParticipantTile key={classroom.id} participant={classroom} place="tile" testId="classroom-tile" />
      ))}
    </div>
  );
}
