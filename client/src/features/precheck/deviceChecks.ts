import type { PrecheckReport } from '@shared';
import { deviceStatusOf } from '../devices/localDevices';

/** The same camera request as the lesson makes, so the check tests what the lesson will use. */
const cameraConstraints: MediaTrackConstraints = { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30, max: 30 } };
const microphoneConstraints: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
/** A picture must appear within this time, or the camera opened but shows nothing (e.g. a lens cover, a broken driver). */
const PICTURE_TIMEOUT_MS = 6000;
/** RMS level above which sound counts as heard: well above a quiet room's hiss after noise suppression. */
export const HEARD_LEVEL = 0.01;

type DeviceProblem = Exclude<PrecheckReport['camera'], 'ok' | 'noPicture'>;

async function open(kind: 'camera' | 'microphone'): Promise<{ track: MediaStreamTrack } | { problem: DeviceProblem }> {
  try {
    if (!navigator.mediaDevices?.getUserMedia) throw new DOMException('insecure context', 'SecurityError');
    const stream = await navigator.mediaDevices.getUserMedia(kind === 'camera' ? { video: cameraConstraints } : { audio: microphoneConstraints });
    const track = stream.getTracks()[0];
    return track ? { track } : { problem: 'missing' };
  } catch (error) {
    const status = deviceStatusOf(error);
    return { problem: status === 'pending' || status === 'ok' ? 'error' : status };
  }
}

/** Opens the camera and waits for a real picture; the track is kept for the connection test. */
export async function checkCamera(): Promise<{ result: PrecheckReport['camera']; track: MediaStreamTrack | null; width: number; height: number }> {
  const opened = await open('camera');
  if ('problem' in opened) return { result: opened.problem, track: null, width: 0, height: 0 };
  const video = document.createElement('video');
  video.muted = true;
  video.srcObject = new MediaStream([opened.track]);
  const shown = await new Promise<boolean>((done) => {
    const timer = setTimeout(() => done(false), PICTURE_TIMEOUT_MS);
    video.addEventListener('loadeddata', () => {
      clearTimeout(timer);
      done(video.videoWidth > 0);
    });
    video.play().catch(() => undefined);
  });
  const size = { width: video.videoWidth, height: video.videoHeight };
  video.srcObject = null;
  return { result: shown ? 'ok' : 'noPicture', track: opened.track, ...size };
}

/**
 * Opens the microphone and reports its level every 100 ms until stopped. The
 * AudioContext may start suspended without a click (autoplay policy); the
 * first click on the page (e.g. 播放测试音) resumes it through `resume`.
 */
export async function watchMicrophone(onLevel: (rms: number) => void): Promise<
  { problem: DeviceProblem } | { track: MediaStreamTrack; context: AudioContext; stop(): void }
> {
  const opened = await open('microphone');
  if ('problem' in opened) return opened;
  const context = new AudioContext();
  const source = context.createMediaStreamSource(new MediaStream([opened.track]));
  const analyser = context.createAnalyser();
  analyser.fftSize = 2048;
  source.connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  const timer = setInterval(() => {
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const value of samples) sum += value * value;
    onLevel(Math.sqrt(sum / samples.length));
  }, 100);
  void context.resume().catch(() => undefined);
  return {
    track: opened.track,
    context,
    stop() {
      clearInterval(timer);
      source.disconnect();
      void context.close().catch(() => undefined);
      opened.track.stop();
    },
  };
}

/** A short rising three-note chime through the default speakers: clearly a test sound, not a voice. */
export async function playTestSound(context: AudioContext): Promise<void> {
  await context.resume().catch(() => undefined);
  const start = context.currentTime + 0.05;
  [523.25, 659.25, 783.99].forEach((frequency, index) => {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = frequency;
    const at = start + index * 0.45;
    gain.gain.setValueAtTime(0, at);
    gain.gain.linearRampToValueAtTime(0.5, at + 0.03);
    gain.gain.exponentialRampToValueAtTime(0.001, at + 0.4);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(at);
    oscillator.stop(at + 0.42);
  });
  await new Promise((r) => setTimeout(r, 1450));
}
