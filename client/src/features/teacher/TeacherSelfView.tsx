import { useLocalVideoTrack } from '../common/useLocalVideoTrack';
import { VideoTile } from '../common/VideoTile';
import { ParticipantBadges } from '../interaction/ParticipantBadges';
import { useT } from '../i18n/useT';
import { useLessonStore } from '../lesson/lessonStore';
import { PinnedBadge } from './PinnedBadge';
import { ViewControls } from './ViewControls';

/**
 * The teacher's own camera: large while she is on every main view, otherwise a
 * tile in the row, where 固定画面 brings her back onto the main view and keeps her there.
 */
export function TeacherSelfView({ place }: { place: 'main' | 'tile' }) {
  const t = useT();
  const ownCamera = useLocalVideoTrack();
  const selfId = useLessonStore((state) => state.self?.id ?? null);
  const name = useLessonStore((state) => state.self?.name ?? state.lesson?.teacherName ?? '');
  const main = place === 'main';

  const tile = (
    <VideoTile
      track={ownCamera}
      label={t('teacher.selfLabel', { name })}
      mirrored
      place={place}
      participantId={selfId}
      testId={main ? 'main-view' : 'self-view'}
      className={main ? 'teacher-page__main' : undefined}
    >
      <ParticipantBadges participantId={selfId}>{main && <PinnedBadge />}</ParticipantBadges>
      {main && selfId !== null && <ViewControls participantId={selfId} canMute={false} className="view-controls--overlay" />}
    </VideoTile>
  );
  if (main) return tile;
  return (
    <div className="tile-card">
      {tile}
      {selfId !== null && <ViewControls participantId={selfId} canMute={false} />}
    </div>
  );
}
