import { CHAT_HISTORY, ErrorCode, LessonError, serverNoticeSchema, type ServerNotice } from '@shared';
import { openDefaultDevices } from '../devices/localDevices';
import { openDevicesAsMapped } from '../devices/mappedDevices';
import { media } from '../media/mediaService';
import { openSocket, request, type LessonSocket } from './connection';
import { resetInteraction, useInteractionStore } from '../interaction/interactionStore';
import { useLessonStore } from './lessonStore';
import { applyQualityNotice } from '../quality/qualityStore';
import { setCurrentSocket } from './session';

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
 * classroom takes its place again with no click.
 */
export function joinLesson(params: JoinParams): void {
  if (started) return;
  started = true;
  const socket = openSocket();
  setCurrentSocket(socket);
  devicesOpened = openDefaultDevices(params.role).then((tracks) => media.setLocalTracks(tracks));
  // Exposed for the end-to-end tests and for support staff in the console.
  (window as unknown as { tongtang: unknown }).tongtang = { media, store: useLessonStore, interaction: useInteractionStore };

  socket.on('connect', () => void join(socket, params));
  socket.on('disconnect', () => {
    if (useLessonStore.getState().phase === 'replaced') return;
    media.stop();
    useLessonStore.setState({ phase: 'reconnecting' });
  });
  socket.on('connect_error', () => {
    if (useLessonStore.getState().phase === 'connecting') useLessonStore.setState({ failure: 'error.network' });
  });
  socket.on('notice', (raw) => {
    const parsed = serverNoticeSchema.safeParse(raw);
    if (!parsed.success) {
      console.warn('unexpected notice from the server', raw);
      return;
    }
    onNotice(socket, params, parsed.data);
  });
  window.addEventListener('pagehide', () => socket.disconnect());
}

async function join(socket: LessonSocket, params: JoinParams): Promise<void> {
  const mine = ++attempt;
  try {
    const joined = await request(socket, {
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
    if (joined.lesson.status !== 'ended') await media.start(socket, joined);
    else media.stop();
    performance.mark('tongtang:media');
  } catch (error) {
    if (mine !== attempt) return;
    const code = error instanceof LessonError ? error.code : ErrorCode.Internal;
    console.warn('joining the lesson failed', error);
    if (finalErrors.has(code)) {
      media.stop();
      useLessonStore.setState({ phase: 'failed', failure: `error.${code}` });
      socket.disconnect();
      return;
    }
    useLessonStore.setState({ phase: 'reconnecting', failure: `error.${code}` });
    setTimeout(() => socket.connected && mine === attempt && void join(socket, params), RETRY_DELAY_MS);
  }
}

function onNotice(socket: LessonSocket, params: JoinParams, notice: ServerNotice): void {
  switch (notice.type) {
    case 'participantJoined':
      useLessonStore.setState((state) => ({
        participants: [...state.participants.filter((p) => p.id !== notice.participant.id), notice.participant],
      }));
      return;
    case 'participantLeft':
      useLessonStore.setState((state) => ({
        participants: state.participants.filter((p) => p.id !== notice.participantId),
      }));
      return;
    case 'trackPublished':
      void media.receiveSafely(notice.track);
      return;
    case 'trackPaused':
      media.markReceived(notice.producerId, { paused: notice.paused });
      return;
    case 'trackClosed':
      media.forget(notice.producerId);
      return;
    case 'consumerClosed':
      media.forgetConsumer(notice.consumerId);
      return;
    case 'sendLayers':
      void media.encodeUpTo(notice.producerId, notice.maxSpatialLayer);
      return;
    case 'lessonChanged': {
      const wasEnded = useLessonStore.getState().lesson?.status === 'ended';
      useLessonStore.setState({ lesson: notice.lesson });
      if (notice.lesson.status === 'ended') media.stop();
      else if (wasEnded) void join(socket, params);
      return;
    }
    case 'handsChanged':
      useInteractionStore.setState({ hands: notice.hands });
      return;
    case 'floorChanged':
      useInteractionStore.setState({ floor: notice.floor });
      return;
    case 'mainViewChanged':
      useInteractionStore.setState({ mainView: notice.mainView });
      return;
    case 'stageChanged':
      useInteractionStore.setState({ stage: notice.stage });
      return;
    case 'speakingChanged':
      useInteractionStore.setState({ speaking: notice.speaking });
      return;
    case 'chatMessage':
      useInteractionStore.setState((state) => ({ messages: [...state.messages, notice.message].slice(-CHAT_HISTORY) }));
      return;
    case 'chatSettings':
      useInteractionStore.setState({ chatEnabled: notice.enabled });
      return;
    case 'mediaRestart':
      media.stop();
      useLessonStore.setState({ phase: 'reconnecting' });
      void join(socket, params);
      return;
    case 'replaced':
      media.stop();
      useLessonStore.setState({ phase: 'replaced' });
      socket.disconnect();
      return;
    case 'precheckResult':
    case 'qualityReport':
      applyQualityNotice(notice);
      return;
  }
}
