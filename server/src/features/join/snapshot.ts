import type { DeviceMapping, JoinedLesson } from '@shared';
import { loadDeviceMapping } from '../../db/deviceMappings.js';
import type { Lesson } from '../../lesson/Lesson.js';
import type { Participant } from '../../lesson/Participant.js';
import { reconnectingIn } from '../../lesson/reconnection.js';
import { capabilitiesToClient } from '../../media/wire.js';
import type { Services } from '../context.js';

/**
 * What a join or resume reply needs that can fail — the stores' state and
 * the lesson's router (absent while its media server restarts) — read before
 * anything is changed, so a read that fails leaves nothing behind.
 */
export interface StoredLessonState {
  routerRtpCapabilities: JoinedLesson['routerRtpCapabilities'];
  deviceMapping: DeviceMapping;
  hands: JoinedLesson['interaction']['hands'];
  chatEnabled: boolean;
  history: JoinedLesson['interaction']['chat']['history'];
  questions: JoinedLesson['interaction']['questions'];
}

export async function readStoredState(lesson: Lesson, terminalClassroomId: string | null, services: Services, forTeacher: boolean): Promise<StoredLessonState> {
  // UNAVAILABLE while the lesson's media server restarts.
  const routerRtpCapabilities = capabilitiesToClient(lesson.router.rtpCapabilities);
  const [deviceMapping, hands, chatEnabled, history, questions] = await Promise.all([
    terminalClassroomId ? loadDeviceMapping(services.db, terminalClassroomId) : Promise.resolve({}),
    services.hands.list(lesson.record.id),
    services.chat.enabled(lesson.record.id),
    services.chat.history(lesson.record.id),
    services.questions.view(lesson.record.id, forTeacher),
  ]);
  return { routerRtpCapabilities, deviceMapping, hands, chatEnabled, history, questions };
}

/**
 * The lesson as a page that just joined or came back must see it: everything
 * it shows, whole, so a page that missed notices while away is re-synced
 * without replaying them (nothing is shown twice).
 */
export function lessonSnapshot(lesson: Lesson, participant: Participant, stored: StoredLessonState, services: Services): JoinedLesson {
  // The teacher's server's directing, while her page is on another server.
  const directed = lesson.link?.following();
  return {
    self: participant.view,
    lesson: lesson.view,
    routerRtpCapabilities: stored.routerRtpCapabilities,
    // This server's pages and the other servers' (the lesson's link knows theirs). Hidden observers are
    // nobody's to see (the teacher lists them on demand: listObservers).
    participants: [...lesson.visibleParticipants().map((p) => p.view), ...(lesson.link?.remoteParticipants() ?? [])].sort((a, b) => a.joinedAt - b.joinedAt),
    reconnecting: reconnectingIn(lesson),
    tracks: lesson.everyTrack(),
    interaction: {
      hands: stored.hands,
      floor: lesson.floor,
      mainView: directed?.mainView ?? lesson.director.mainView,
      stage: directed?.stage ?? lesson.stage.stage,
      chat: { enabled: stored.chatEnabled, history: stored.history },
      speaking: directed?.speaking ?? lesson.director.speakingNow(),
      questions: stored.questions,
    },
    deviceMapping: stored.deviceMapping,
    resumeToken: participant.resumeToken,
    // Fresh credentials at every join and resume, so a page kept for hours never holds expired ones for long.
    iceServers: services.turn?.iceServers(participant.id) ?? [],
    recording: services.recordings.view(lesson.record.id),
  };
}
