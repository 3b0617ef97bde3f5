import { videoSources, type LatencyMeasurement, type LatencyProbe } from '@shared';
import { send } from '../lesson/connection';
import { useLessonStore } from '../lesson/lessonStore';
import { publisher } from '../media/publisher';
import { subscriber } from '../media/subscriber';
import { AudioWatcher } from './audioWatcher';
import { syncClock } from './clockSync';
import { useLatencyStore } from './latencyStore';
import { localNow } from './localClock';
import { startPatternSource } from './patternSender';
import { summarize } from './percentiles';
import { burstTimes, delaySinceBurst, TONE_PERIOD_MS, toneFrequency, type SenderRole } from './probeSchedule';
import { ToneSender } from './toneSender';
import { watchVideos } from './videoWatcher';

/** One figure measured on this page: from whom, what, when (server clock) and how long it took. */
export interface LatencySample {
  from: string;
  kind: LatencyMeasurement['kind'];
  at: number;
  ms: number;
}

/** Frames and tones still in flight when the probe ends are waited for this long. */
const TAIL_MS = 1500;
/** Samples of the last probe, for the bench and support staff (window.tongtangLatency). */
export let lastSamples: LatencySample[] = [];

const sleepUntil = (localMs: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, localMs - localNow())));
const roleOf = (participantId: string): SenderRole => (participantId === 'teacher' ? 'teacher' : 'classroom');

/**
 * Runs this page's part of a latency probe: aligns its clock with the
 * server's, sends the timestamp pattern instead of the camera and tone
 * bursts instead of the microphone for the probe's duration, measures
 * every picture and voice it receives, puts the camera and microphone back,
 * and reports a summary to the server.
 */
export async function runProbe(probe: LatencyProbe): Promise<void> {
  const self = useLessonStore.getState().self;
  if (!self) return;
  const isTeacher = self.role === 'teacher';
  useLatencyStore.setState((state) => ({ probe, running: true, failure: null, reports: state.probe?.probeId === probe.probeId ? state.reports : {} }));
  const samples: LatencySample[] = [];
  lastSamples = samples;
  const clock = await syncClock();
  useLatencyStore.setState({ clock: { offsetMs: clock.offsetMs, rttMs: clock.rttMs } });
  const serverNow = (): number => localNow() + clock.offsetMs;
  const toLocal = (serverMs: number): number => serverMs - clock.offsetMs;
  const end = probe.startsAt + probe.durationMs;
  const during = (at: number): boolean => at >= probe.startsAt && at <= end + TAIL_MS;

  const tones = new ToneSender();
  const listener = new AudioWatcher((from, frequency, atLocal) => {
    const at = atLocal + clock.offsetMs;
    if (!during(at)) return;
    if (frequency === toneFrequency.answer) {
      const roundTrip = delaySinceBurst(probe, 'teacher', at);
      if (isTeacher && roundTrip !== null) samples.push({ from, kind: 'answer', at, ms: roundTrip });
      return;
    }
    const delay = delaySinceBurst(probe, roleOf(from), at);
    if (delay !== null && delay < TONE_PERIOD_MS) samples.push({ from, kind: 'audio', at, ms: delay });
    // The classroom answers the teacher's question at once: the round trip's second half.
    if (!isTeacher && from === 'teacher') tones.burst(localNow(), toneFrequency.answer);
  });
  let stopVideo = (): void => undefined;
  let pattern: ReturnType<typeof startPatternSource> | null = null;
  try {
    // A terminal whose browser has not been allowed sound yet (no click) keeps its
    // audio contexts suspended: the check then goes on with pictures only.
    await Promise.race([Promise.all([tones.ready(), listener.ready()]), sleepUntil(localNow() + 2000)]);
    await sleepUntil(toLocal(probe.startsAt));
    const cameraTrack = videoSources.map((source) => publisher.localTrack(source)).find((track) => track !== null) ?? null;
    const camera = cameraTrack?.getSettings();
    pattern = startPatternSource(camera?.width ?? 1280, camera?.height ?? 720, camera?.frameRate ?? 30, serverNow, '延迟检测 latency check');
    // The same trade-off as the camera when the encoder must give way (frame rate vs resolution).
    pattern.track.contentHint = cameraTrack?.contentHint ?? '';
    await publisher.substituteOutgoing('video', pattern.track);
    await publisher.substituteOutgoing('audio', tones.track);
    const role = roleOf(self.id);
    for (const at of burstTimes(probe, role)) tones.burst(toLocal(at), toneFrequency[role]);
    stopVideo = watchVideos(self.id, clock.offsetMs, (from, ms, at) => samples.push({ from, kind: 'video', at, ms }));
    const listenToVoices = (): void => {
      for (const track of useLessonStore.getState().received) {
        const remote = track.kind === 'audio' && track.ready ? subscriber.remoteTrack(track.producerId) : null;
        if (!remote) continue;
        const frequencies = track.participantId === 'teacher' ? [toneFrequency.teacher] : [toneFrequency.classroom, ...(isTeacher ? [toneFrequency.answer] : [])];
        listener.listen({ participantId: track.participantId, track: remote, frequencies });
      }
    };
    listenToVoices();
    const voices = window.setInterval(listenToVoices, 500);
    await sleepUntil(toLocal(end));
    window.clearInterval(voices);
    // The pattern and the (now silent) tone track stay on while late frames and tones are still awaited:
    // a microphone back too early was heard as a tone (Chromium's fake device beeps; a room may hum), 2.5 s "late".
    await sleepUntil(toLocal(end + TAIL_MS));
    await publisher.substituteOutgoing('video', null);
    await publisher.substituteOutgoing('audio', null);
  } catch (error) {
    console.warn('latency probe failed', error);
    useLatencyStore.setState({ failure: error instanceof Error ? error.message : String(error) });
    await publisher.substituteOutgoing('video', null).catch(() => undefined);
    await publisher.substituteOutgoing('audio', null).catch(() => undefined);
  } finally {
    stopVideo();
    pattern?.stop();
    tones.close();
    listener.close();
    useLatencyStore.setState({ running: false });
  }
  await send({ type: 'reportLatency', probeId: probe.probeId, measurements: summarizeSamples(samples) });
}

/** One row per sender and kind. */
export function summarizeSamples(samples: LatencySample[]): LatencyMeasurement[] {
  const groups = new Map<string, { from: string; kind: LatencySample['kind']; values: number[] }>();
  for (const sample of samples) {
    const key = `${sample.from}\u0000${sample.kind}`;
    const group = groups.get(key) ?? { from: sample.from, kind: sample.kind, values: [] };
    group.values.push(sample.ms);
    groups.set(key, group);
  }
  return [...groups.values()].flatMap(({ from, kind, values }) => {
    const summary = summarize(values);
    return summary ? [{ from, kind, ...summary }] : [];
  });
}
