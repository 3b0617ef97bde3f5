import { useDeviceStore, type DeviceStatus } from './deviceStore';

/** The camera as the classroom's big screen needs it: 720p so the top simulcast layer is real. */
const cameraConstraints: MediaTrackConstraints = {
  width: { ideal: 1280 },
  height: { ideal: 720 },
  frameRate: { ideal: 30, max: 30 },
};

/** The browser's own echo cancellation, noise suppression and gain: several open rooms must not howl. */
const microphoneConstraints: MediaTrackConstraints = {
  echoCancellation: true,
  noiseSuppression: true,
  autoGainControl: true,
};

/** Maps a getUserMedia failure to what the page tells the classroom. */
export function deviceStatusOf(error: unknown): DeviceStatus {
  const name = error instanceof DOMException ? error.name : '';
  switch (name) {
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'missing';
    case 'NotAllowedError':
    case 'SecurityError':
      return 'denied';
    case 'NotReadableError':
    case 'AbortError':
      return 'busy';
    default:
      return 'error';
  }
}

async function openOne(kind: 'camera' | 'microphone'): Promise<MediaStreamTrack | null> {
  // Camera and microphone are asked for separately so that one missing or
  // refused device does not take the other down with it.
  const constraints = kind === 'camera' ? { video: cameraConstraints } : { audio: microphoneConstraints };
  try {
    if (!navigator.mediaDevices?.getUserMedia) throw new DOMException('insecure context', 'SecurityError');
    const stream = await navigator.mediaDevices.getUserMedia(constraints);
    const track = stream.getTracks()[0] ?? null;
    useDeviceStore.setState({ [kind]: track ? 'ok' : 'missing' });
    return track;
  } catch (error) {
    useDeviceStore.setState({ [kind]: deviceStatusOf(error) });
    return null;
  }
}

/** Opens the default camera and microphone; whatever fails is reported in the device store and left out. */
export async function openLocalDevices(): Promise<{ camera: MediaStreamTrack | null; microphone: MediaStreamTrack | null }> {
  const [camera, microphone] = await Promise.all([openOne('camera'), openOne('microphone')]);
  if (camera && 'contentHint' in camera) camera.contentHint = 'motion';
  return { camera, microphone };
}
