import { useT } from '../i18n/useT';
import { useRecordingStore } from './recordingStore';

/** The red 录制中 sign every page shows while the lesson is recorded; nothing otherwise. */
export function RecordingBadge() {
  const t = useT();
  const active = useRecordingStore((state) => state.recording.active);
  if (!active) return null;
  return (
    <span className="recording-badge" data-testid="recording-badge" role="status">
      <span className="recording-badge__dot" aria-hidden="true" />
      {t('recording.on')}
    </span>
  );
}
