import type { Participant } from '@shared';
import { ParticipantTile } from '../common/ParticipantTile';
import { VideoTile } from '../common/VideoTile';
import { ParticipantBadges } from '../interaction/ParticipantBadges';
import { useT } from '../i18n/useT';
import type { Screen, ScreenPicture } from './stageScreen';

export interface StageViewProps {
  screen: Screen;
  /** The lesson's directing choice and when the stage last changed, for tests and the recorder. */
  choice: string;
  changedAt: number;
  participants: readonly Participant[];
  /** Shown while the teacher is not in the lesson. */
  teacherName: string;
  className?: string;
}

const testIds: Record<ScreenPicture['role'], string> = { main: 'main-view', inset: 'inset-view', cell: 'grid-cell' };

/**
 * The classroom screen as the lesson directs it: one picture, courseware with
 * the teacher in a corner, two halves, or a grid of classrooms. Each picture
 * tells the server the place it has, so only the layers shown are sent.
 */
export function StageView({ screen, choice, changedAt, participants, teacherName, className }: StageViewProps) {
  const t = useT();
  return (
    <div
      className={['stage', `stage--${screen.layout}`, className].filter(Boolean).join(' ')}
      data-testid="stage"
      data-layout={screen.layout}
      data-choice={choice}
      data-changed-at={changedAt}
    >
      {screen.pictures.map((picture) => {
        const participant = participants.find((p) => p.id === picture.participantId);
        const key = `${picture.role}:${picture.participantId}:${picture.source ?? 'best'}`;
        if (!participant) {
          return <VideoTile key={key} track={null} label={teacherName} place={picture.place} testId={testIds[picture.role]} className={`stage__${picture.role}`} />;
        }
        const sourceLabel = picture.source && picture.source !== 'teacher' && picture.source !== 'students' ? ` · ${t(`source.${picture.source}`)}` : '';
        return (
          <ParticipantTile
            key={key}
            participant={participant}
            source={picture.source}
            place={picture.place}
            label={`${participant.name}${sourceLabel}`}
            testId={testIds[picture.role]}
            className={`stage__${picture.role}`}
          >
            <ParticipantBadges participantId={participant.id} />
          </ParticipantTile>
        );
      })}
    </div>
  );
}
