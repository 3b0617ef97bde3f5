import { useDeviceStore, type DeviceStatus } from '../devices/deviceStore';
import { useLessonStore } from '../lesson/lessonStore';
import { isMessageKey } from '../i18n/translate';
import { useT, type Translate } from '../i18n/useT';
import { useRecoveryStore } from './recoveryStore';

type Device = 'camera' | 'microphone';
type DeviceProblem = Exclude<DeviceStatus, 'pending' | 'ok'>;

const isProblem = (status: DeviceStatus): status is DeviceProblem => status !== 'pending' && status !== 'ok';

/**
 * What went wrong, in plain Chinese, for whoever stands in front of the screen:
 * a missing or refused camera or microphone, a lost network, a server recovering from
 * a fault (calm, it needs nobody), or a page that has stopped.
 */
export function StatusBanners() {
  const t = useT();
  const camera = useDeviceStore((state) => state.camera);
  const microphone = useDeviceStore((state) => state.microphone);
  const phase = useLessonStore((state) => state.phase);
  const failure = useLessonStore((state) => state.failure);
  const mediaRepairing = useLessonStore((state) => state.mediaRepairing);
  const mediaUnavailable = useRecoveryStore((state) => state.mediaUnavailable);
  const liveStateDown = useRecoveryStore((state) => state.liveStateDown);

  if (phase === 'failed') return <StoppedNotice testId="lesson-failure" message={failureMessage(t, failure)} />;
  if (phase === 'replaced') return <StoppedNotice testId="lesson-replaced" message={t('connection.replaced')} />;

  return (
    <div className="status-banners">
      {phase === 'reconnecting' && (
        <div className="banner banner--recovery" role="status" data-testid="connection-banner">
          {t('connection.reconnecting')}
        </div>
      )}
      {phase === 'joined' && mediaRepairing && (
        <div className="banner banner--recovery" role="status" data-testid="media-repairing-banner">
          {t('connection.repairing')}
        </div>
      )}
      {/* While still trying to get in, say why it is taking long (e.g. the server is unreachable). */}
      {phase === 'connecting' && failure !== null && (
        <div className="banner banner--connection" role="alert" data-testid="connection-banner">
          {failureMessage(t, failure)}
        </div>
      )}
      {mediaUnavailable && (
        <div className="banner banner--recovery" role="status" data-testid="recovery-banner" data-recovering="media">
          {t('recovery.media')}
        </div>
      )}
      {liveStateDown && (
        <div className="banner banner--recovery" role="status" data-testid="recovery-banner" data-recovering="liveState">
          {t('recovery.liveState')}
        </div>
      )}
      <DeviceBanner device="camera" status={camera} />
      <DeviceBanner device="microphone" status={microphone} />
    </div>
  );
}

function DeviceBanner({ device, status }: { device: Device; status: DeviceStatus }) {
  const t = useT();
  if (!isProblem(status)) return null;
  return (
    <div className="banner banner--device" role="alert" data-testid="device-banner" data-device={device} data-status={status}>
      {t(`device.${device}.${status}`)}
    </div>
  );
}

/** Covers the page: after a failure or a replacement nothing else on it works any more. */
function StoppedNotice({ testId, message }: { testId: string; message: string }) {
  return (
    <div className="stopped-notice" role="alert" data-testid={testId}>
      <p className="stopped-notice__message">{message}</p>
    </div>
  );
}

// `failure` is normally a message key; anything else is shown as it came rather than hidden.
function failureMessage(t: Translate, failure: string | null): string {
  if (failure === null) return t('error.INTERNAL');
  return isMessageKey(failure) ? t(failure) : failure;
}
