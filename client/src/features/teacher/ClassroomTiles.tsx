import type { Participant } from '@shared';
import { ParticipantTile } from '../common/ParticipantTile';
import { ParticipantBadges } from '../interaction/ParticipantBadges';
import { useT } from '../i18n/useT';
import { PinnedBadge } from './PinnedBadge';
import { TeacherSelfView } from './TeacherSelfView';
import { ViewControls } from './ViewControls';

export interface ClassroomTilesProps {
  /** The classrooms not on the main view. */
  classrooms: Participant[];
  /** A classroom fills the main view, so the teacher's own camera joins the row. */
  showSelf: boolean;
  /** Whether any classroom is in the lesson at all (one may be on the main view). */
  anyOnline: boolean;
}

/** The row under the main view: every picture that is not on it, each with the teacher's buttons. */
export function ClassroomTiles({ classrooms, showSelf, anyOnline }: ClassroomTilesProps) {
  const t = useT();
  return (
    <div className="tile-row" data-testid="tile-row">
      {showSelf && <TeacherSelfView place="tile" />}
      {classrooms.map((classroom) => (
        <div key={classroom.id} className="tile-card">
          <ParticipantTile participant={classroom} place="tile" testId="classroom-tile">
            <ParticipantBadges participantId={classroom.id} />
          </ParticipantTile>
          <ViewControls participantId={classroom.id} canMute />
        </div>
      ))}
      {!anyOnline && <p className="tile-row__empty">{t('teacher.noClassrooms')}</p>}
    </div>
  );
}

/** A classroom on the teacher's main view, at the sharpest layer, with its buttons over the picture. */
export function MainClassroomView({ classroom }: { classroom: Participant }) {
  return (
    <ParticipantTile participant={classroom} place="main" testId="main-view" className="teacher-page__main">
      <ParticipantBadges participantId={classroom.id}>
        <PinnedBadge />
      </ParticipantBadges>
      <ViewControls participantId={classroom.id} canMute className="view-controls--overlay" />
    </ParticipantTile>
  );
}
