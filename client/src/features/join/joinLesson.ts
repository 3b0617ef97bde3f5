import { ErrorCode, LessonError, type JoinedLesson } from '@shared';
import { openDefaultDevices } from '../devices/localDevices';
import { openDevicesAsMapped } from '../devices/mappedDevices';
import { resetInteraction } from '../interaction/interactionStore';
import { connectToLesson, send, type LessonSocket } from '../lesson/connection';
import { useLessonStore } from '../lesson/lessonStore';
import { onNotice } from '../lesson/notices';
import { recoveryCounts } from '../lesson/recoveryCounts';
import { mediaSession } from '../media/mediaSession';
import { publisher } from '../media/publisher';
import { exposeForSupport } from './supportHooks';
import '../lesson/viewerCount';
import { resetQuestions } from '../questions/questionsStore';
import { showRecording } from '../recording/recordingStore';
import { session } from '../auth/session';

/** Which lesson this page joins and as whom, from its link. */
export interface JoinParams {
  lessonId: string;
  role: 'teacher' | 'classroom' | 'observer' | 'viewer';
  classroomId?: string;
}

/** Errors after which retrying cannot help: the page shows them and stops. */
const finalErrors = new Set<string>([ErrorCode.Unauthorized, ErrorCode.NotFound, ErrorCode.BadRequest, ErrorCode.Forbidden]);
const RETRY_DELAY_MS = 2000;

let started = false;
/** The page's default devices, opening since the page loaded; joining does not wait for them, publishing does. */
let devicesOpened: Promise<void> = Promise.resolve();
/** Bumped by every join attempt, so a failure of an older attempt (overtaken by a reconnect) is ignored. */
let attempt = 0;
/** The place this page holds, and the token that takes it back after a dropped connection (断网续传). */
let place: { lessonId: string; participantId: string; token: string } | null = null;

/**
 * Joins the lesson and keeps this page in it. When the connection drops, the
 * page's media stays up and Socket.IO reconnects; the page then takes its
 * kept place back (resumeLesson) with everything it had — producers,
 * consumers, hand, floor — and repairs only the network path. Only when the
 * place was not kept (the server restarted, or the page was away longer than
 * the grace period) does it join again from scratch, still with no click.
 * The page's lifecycle notices (lesson started or ended, media restart, link
 * opened elsewhere) are handled here; every other notice by the feature it
 * concerns.
 */
export function joinLesson(params: JoinParams): void {
  if (started) return;
  started = true;
  const socket = connectToLesson();
  devicesOpened = openDefaultDevices(params.role).then((tracks) => publisher.setLocalTracks(tracks));
  exposeForSupport();

  socket.on('connect', () => {
    refusedOnce = 0;
    enterSoon(socket, params);
  });
  socket.on('disconnect', () => {
    // A page that was stopped (replaced, signed out, refused) stays stopped; it is not reconnecting.
    if (['replaced', 'failed'].includes(useLessonStore.getState().phase)) return;
    // The media keeps flowing if only signalling was lost; it is repaired or closed once the server answers again.
    useLessonStore.setState({ phase: 'reconnecting' });
  });
  socket.on('connect_error', (error) => {
    const code = (error as { data?: { code?: string } }).data?.code;
    // No code: the network (Socket.IO keeps trying by itself). A code: the server refused the handshake, and
    // Socket.IO does not try again on its own after that.
    if (!code) {
      if (useLessonStore.getState().phase === 'connecting') useLessonStore.setState({ failure: 'error.network' });
      return;
    }
    void refused(socket, params, code);
  });
  onNotice('signedOut', ({ reason }) => stopFor(socket, ErrorCode.Unauthorized, `signedOut.${reason}`));
  onNotice('lessonChanged', ({ lesson }) => {
    const wasEnded = useLessonStore.getState().lesson?.status === 'ended';
    useLessonStore.setState({ lesson });
    if (lesson.status === 'ended') mediaSession.stop();
    else if (wasEnded) enterSoon(socket, params);
  });
  onNotice('mediaRestart', () => {
    // The server dropped this page's media objects (their worker died): the place stays, the media is set up anew.
    mediaLost = true;
    enterSoon(socket, params);
  });
  onNotice('replaced', () => {
    // It may come before this page's own join reply: that join's outcome no longer matters.
    attempt++;
    place = null;
    mediaSession.stop();
    useLessonStore.setState({ phase: 'replaced' });
    socket.disconnect();
  });
  window.addEventListener('pagehide', () => socket.disconnect());
}

/**
 * The server refused the connection. Not signed in (or the session ended): a person is sent to sign in and
 * comes back here; a terminal or guest page says so and stops. A password to change or a refused address
 * stops with the reason. Anything else (the server could not check the session just now) is tried again.
 */
async function refused(socket: LessonSocket, params: JoinParams, code: string): Promise<void> {
  if (code === ErrorCode.Unauthorized) {
    const signed = await session().catch(() => undefined);
    if (signed === undefined) return void setTimeout(() => socket.connect(), RETRY_DELAY_MS);
    if (signed === null && params.role === 'teacher') {
      window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname)}`);
      return;
    }
    // A token refused although the session is fine (it expired in between): once more with a fresh one.
    if (signed !== null && refusedOnce++ === 0) return void socket.connect();
    return stopFor(socket, code);
  }
  if (code === ErrorCode.PasswordChangeRequired || code === ErrorCode.AddressRefused) return stopFor(socket, code);
  setTimeout(() => socket.connect(), RETRY_DELAY_MS);
}
let refusedOnce = 0;

/** The page may not be in the lesson (any more): everything stops, and the page says why. */
function stopFor(socket: LessonSocket, code: string, reason = `error.${code}`): void {
  place = null;
  attempt++;
  mediaSession.stop();
  useLessonStore.setState({ phase: 'failed', failure: reason });
  socket.disconnect();
}

/** An entry (join or resume) under way, and whether another was asked for meanwhile. */
let entering: Promise<void> | null = null;
let enterAgain = false;
/** The server dropped this page's media (mediaRestart): the next entry sets it up anew. */
let mediaLost = false;

/**
 * Enters the lesson once nothing else is entering: a reconnect, a media
 * restart and a retry can all ask at once, and two entries running together
 * would set up media twice (the second finding the SFU's slots taken by the
 * first). One runs; whatever is asked meanwhile runs once after it.
 */
function enterSoon(socket: LessonSocket, params: JoinParams): void {
  if (entering) {
    enterAgain = true;
    return;
  }
  entering = (async () => {
    do {
      enterAgain = false;
      if (mediaLost) {
        mediaLost = false;
        mediaSession.stop();
      }
      if (socket.connected) await enter(socket, params);
    } while (enterAgain);
  })().finally(() => (entering = null));
}

/** Takes the kept place back if there is one, else joins. */
async function enter(socket: LessonSocket, params: JoinParams): Promise<void> {
  if (!place) return join(socket, params);
  const mine = ++attempt;
  try {
    const resumed = await send({ type: 'resumeLesson', ...place, transports: mediaSession.transportIds() });
    if (mine !== attempt) return;
    recoveryCounts.resumes++;
    showLesson(resumed);
    if (resumed.lesson.status === 'ended') mediaSession.stop();
    else if (mediaSession.keeps(resumed.keptTransports)) await mediaSession.resume(resumed);
    else {
      await devicesOpened;
      await mediaSession.start(resumed);
    }
    performance.mark('tongtang:resumed');
  } catch (error) {
    if (mine !== attempt) return;
    const code = error instanceof LessonError ? error.code : ErrorCode.Internal;
    if (code === ErrorCode.ResumeExpired) {
      // Not kept: start over (a join replaces whatever is left of the old place).
      place = null;
      recoveryCounts.rejoins++;
      mediaSession.stop();
      return join(socket, params);
    }
    console.warn('taking the place back failed; retrying', error);
    // Whatever half of the media this attempt set up, the next one starts from a clean slate: the page then
    // holds no transport, and the SFU closes what it kept for the place (see resumePlace).
    mediaSession.stop();
    useLessonStore.setState({ phase: 'reconnecting', failure: `error.${code}` });
    setTimeout(() => mine === attempt && enterSoon(socket, params), RETRY_DELAY_MS);
  }
}

/** The lesson as a join or resume reply has it, whole (what the page missed while away is replaced, not replayed). */
function showLesson(joined: JoinedLesson): void {
  useLessonStore.setState({
    phase: 'joined',
    failure: null,
    self: joined.self,
    lesson: joined.lesson,
    participants: joined.participants,
    reconnecting: joined.reconnecting,
  });
  resetInteraction(joined.interaction);
  resetQuestions(joined.interaction.questions);
  showRecording(joined.recording);
}

async function join(socket: LessonSocket, params: JoinParams): Promise<void> {
  const mine = ++attempt;
  try {
    const joined = await send({
      type: 'joinLesson',
      lessonId: params.lessonId,
      role: params.role,
      ...(params.classroomId ? { classroomId: params.classroomId } : {}),
    });
    // Marks on the page's performance timeline: how long joining took, for support staff and the latency bench.
    performance.mark('tongtang:joined');
    if (mine !== attempt) return;
    place = { lessonId: params.lessonId, participantId: joined.self.id, token: joined.resumeToken };
    showLesson(joined);
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
    mediaSession.stop();
    useLessonStore.setState({ phase: 'reconnecting', failure: `error.${code}` });
    setTimeout(() => mine === attempt && enterSoon(socket, params), RETRY_DELAY_MS);
  }
}
