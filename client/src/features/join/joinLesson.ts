import { ErrorCode, LessonError } from '@shared';
import { openDefaultDevices } from '../devices/localDevices';
import { openDevicesAsMapped } from '../devices/mappedDevices';
import { resetInteraction } from '../interaction/interactionStore';
import { connectToLesson, send, type LessonSocket } from '../lesson/connection';
import { useLessonStore } from '../lesson/lessonStore';
import { onNotice } from '../lesson/notices';
import { mediaSession } from '../media/mediaSession';
import { publisher } from '../media/publisher';
import { exposeForSupport } from './supportHooks';

/** Which lesson this page joins and as whom, from its link. */
export interface JoinParams {
  lessonId: string;
  role: 'teacher' | 'classroom';
  classroomId?: string;
  key: string;
}

/** Errors after which retrying cannot help: the page shows them and stops. */
const finalErrors = new Set<string>([ErrorCode.Unauthorized, ErrorCode.NotFound, ErrorCode.BadRequest, ErrorCode.Forbidden]);
const RETRY_DELAY_MS = 2000;

let started = false;
/** The page's default devices, opening since the page loaded; joining does not wait for them, publishing does. */
let devicesOpened: Promise<void> = Promise.resolve();
/** Bumped by every join attempt, so a failure of an older attempt (overtaken by a reconnect) is ignored. */
let attempt = 0;

/**
 * Joins the lesson and keeps this page in it: after a network loss Socket.IO
 * reconnects and the page joins again with the same identity (its link), so a
 * classroom takes its place again with no click. The page's lifecycle
 * notices (lesson started or ended, media restart, link opened elsewhere)
 * are handled here; every other notice by the feature it concerns.
 */
export function joinLesson(params: JoinParams): void {
  if (started) return;
  started = true;
  const socket = connectToLesson();
  devicesOpened = openDefaultDevices(params.role).then((tracks) => publisher.setLocalTracks(tracks));
  exposeForSupport();

  socket.on('connect', () => void join(socket, params));
  socket.on('disconnect', () => {
    if (useLessonStore.getState().phase === 'replaced') return;
    mediaSession.stop();
    useLessonStore.setState({ phase: 'reconnecting' });
  });
  socket.on('connect_error', () => {
    if (useLessonStore.getState().phase === 'connecting') useLessonStore.setState({ failure: 'error.network' });
  });
  onNotice('lessonChanged', ({ lesson }) => {
    const wasEnded = useLessonStore.getState().lesson?.status === 'ended';
    useLessonStore.setState({ lesson });
    if (lesson.status === 'ended') mediaSession.stop();
    else if (wasEnded) void join(socket, params);
  });
  onNotice('mediaRestart', () => {
    mediaSession.stop();
    useLessonStore.setState({ phase: 'reconnecting' });
    void join(socket, params);
  });
  onNotice('replaced', () => {
    mediaSession.stop();
    useLessonStore.setState({ phase: 'replaced' });
    socket.disconnect();
  });
  window.addEventListener('pagehide', () => socket.disconnect());
}

async function join(socket: LessonSocket, params: JoinParams): Promise<void> {
  const mine = ++attempt;
  try {
    const joined = await send({
      type: 'joinLesson',
      lessonId: params.lessonId,
      role: params.role,
      key: params.key,
      ...(params.classroomId ? { classroomId: params.classroomId } : {}),
    });
    // Marks on the page's performance timeline: how long joining took, for support staff and the latency bench.
    performance.mark('tongtang:joined');
    useLessonStore.setState({
      phase: 'joined',
      failure: null,
      self: joined.self,
      lesson: joined.lesson,
      participants: joined.participants,
    });
    resetInteraction(joined.interaction);
    await devicesOpened;
    await openDevicesAsMapped(params.role, joined.deviceMapping);
    performance.mark('tongtang:devices');
    // After 下课 nothing is published or received until the teacher starts again.
    if (joined.lesson.status !== 'ended') await mediaSession.start(joined);
    else mediaSession.stop();
    performance.mark('tongtang:media');
  } catch (error) {
    if (mine !== attempt) return;
    const code = error instanceof LessonError ? error.code : ErrorCode.Internal;
    console.warn('joining the lesson failed', error);
    if (finalErrors.has(code)) {
      mediaSession.stop();
      useLessonStore.setState({ phase: 'failed', failure: `error.${code}` });
      socket.disconnect();
      return;
    }
    useLessonStore.setState({ phase: 'reconnecting', failure: `error.${code}` });
    setTimeout(() => socket.connected && mine === attempt && void join(socket, params), RETRY_DELAY_MS);
  }
}
