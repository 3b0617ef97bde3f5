import type { DeviceMapping, MediaSource, Role } from '@shared';
import { isMicrophone } from '@shared';
import { assignDevices, type DeviceInfo } from './deviceMapping';
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

/** Open device tracks by deviceId, reused when the mapping is applied again (a reconnect, a correction). */
const open = new Map<string, MediaStreamTrack>();

async function openTrack(kind: 'camera' | 'microphone', deviceId?: string): Promise<MediaStreamTrack | null> {
  const base = kind === 'camera' ? cameraConstraints : microphoneConstraints;
  const constraints = deviceId ? { ...base, deviceId: { exact: deviceId } } : base;
  try {
    if (!navigator.mediaDevices?.getUserMedia) throw new DOMException('insecure context', 'SecurityError');
    const stream = await navigator.mediaDevices.getUserMedia(kind === 'camera' ? { video: constraints } : { audio: constraints });
    const track = stream.getTracks()[0] ?? null;
    useDeviceStore.setState({ [kind]: track ? 'ok' : 'missing' });
    if (track && kind === 'camera') track.contentHint = 'motion';
    if (track) open.set(track.getSettings().deviceId ?? deviceId ?? track.id, track);
    return track;
  } catch (error) {
    useDeviceStore.setState({ [kind]: deviceStatusOf(error) });
    return null;
  }
}

/**
 * Opens the default camera and microphone as soon as the page loads, so the
 * class sees itself at once and the browser grants the device names the
 * mapping needs. Camera and microphone are asked for separately so that one
 * missing or refused device does not take the other down with it.
 */
export async function openDefaultDevices(role: Role): Promise<Map<MediaSource, MediaStreamTrack>> {
  // An observer or a viewer only receives: its browser never asks for a camera or microphone.
  if (role === 'observer' || role === 'viewer') return new Map();
  const [camera, microphone] = await Promise.all([openTrack('camera'), openTrack('microphone')]);
  const tracks = new Map<MediaSource, MediaStreamTrack>();
  if (camera) tracks.set(role === 'teacher' ? 'teacher' : 'students', camera);
  if (microphone) tracks.set(role === 'teacher' ? 'teacherMic' : 'studentsMic', microphone);
  return tracks;
}

/**
 * Applies this classroom's device mapping: every camera and microphone gets
 * its role (see assignDevices), the ones in use are opened (or kept open) and
 * the others closed. Returns the tracks by source.
 */
export async function applyDeviceMapping(role: Role, saved: DeviceMapping): Promise<Map<MediaSource, MediaStreamTrack>> {
  // An observer or a viewer opens nothing, not even a device whose name says what it is for.
  if (role === 'observer' || role === 'viewer') return new Map();
  const listed = navigator.mediaDevices?.enumerateDevices ? await navigator.mediaDevices.enumerateDevices() : [];
  const devices: DeviceInfo[] = listed.flatMap((d) =>
    d.kind === 'videoinput' || d.kind === 'audioinput' ? [{ deviceId: d.deviceId, label: d.label, kind: d.kind }] : [],
  );
  const assignments = assignDevices(devices, saved, role);
  useDeviceStore.setState({ assignments });
  const tracks = new Map<MediaSource, MediaStreamTrack>();
  const used = new Set<string>();
  await Promise.all(
    assignments.map(async (assignment) => {
      if (assignment.source === 'off') return;
      used.add(assignment.deviceId);
      const live = open.get(assignment.deviceId);
      const track =
        live && live.readyState === 'live' ? live : await openTrack(isMicrophone(assignment.source) ? 'microphone' : 'camera', assignment.deviceId);
      if (track) tracks.set(assignment.source, track);
    }),
  );
  // A device no longer used is released, so its light goes off and another program may use it.
  for (const [deviceId, track] of open) {
    if (used.has(deviceId)) continue;
    track.stop();
    open.delete(deviceId);
  }
  return tracks;
}
