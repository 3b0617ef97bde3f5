import { send } from '../lesson/connection';
import { ActionError } from '../interaction/ActionError';
import { useAction } from '../interaction/useAction';
import { useT } from '../i18n/useT';
import { showRecording, useRecordingStore } from './recordingStore';

/**
 * The teacher's 录制 button: starts or stops recording the lesson. When the
 * server stopped it because the disk is (nearly) full, its alarm stays under
 * the button until she records again.
 */
export function RecordButton({ enabled }: { enabled: boolean }) {
  const t = useT();
  const recording = useRecordingStore((state) => state.recording);
  const action = useAction();
  const toggle = () => void action.run(async () => showRecording(await send({ type: 'setRecording', recording: !recording.active })));
  return (
    <div className="record-control">
      <button
        type="button"
        className={recording.active ? 'record-button record-button--on' : 'record-button'}
        data-testid="record-button"
        aria-pressed={recording.active}
        disabled={!enabled || action.pending}
        aria-busy={action.pending}
        onClick={toggle}
      >
        {t(recording.active ? 'recording.stop' : 'recording.start')}
      </button>
      {recording.alarm !== null && !recording.active && (
        <p className="record-control__alarm" role="alert" data-testid="recording-alarm">
          {recording.alarm}
        </p>
      )}
      <ActionError error={action.error} />
    </div>
  );
}
