import { uplinkLevels, type UplinkLevel, type UplinkState } from '@shared';
import type { Lesson } from '../../lesson/Lesson.js';
import type { Participant } from '../../lesson/Participant.js';
import { flowAsPlaced } from './consume.js';
import { scheduleSendLayers } from './sendLayers.js';

/**
 * 上行保护. The send transport's cap (MAX_UPLINK_KBPS) reaches a browser as
 * REMB, which a browser obeys and a broken or hostile terminal ignores; what
 * it sends beyond the cap the SFU would forward to every classroom showing
 * it, whose downlinks are the lesson's scarcest resource. So the SFU measures
 * what each sender's transport really receives, and a sender far over the
 * cap is limited in steps: receivers get only its lowest layer (and its
 * sender is told to encode nothing above it), then, if it is still far over,
 * nothing of it at all. It is let back one step at a time once it has stayed
 * within the cap for a while. Each step reaches the teacher's quality panel.
 *
 * The measure is the transport's received bitrate over the last second,
 * everything included; a key frame or a retransmission burst lasts less than
 * two checks, so a well-behaved sender is never limited.
 */
export const UPLINK_CHECK_MS = 2000;
/** "Far over": beyond this multiple of the cap, for OVER_CHECKS checks in a row. */
const OVER_FACTOR = 1.5;
const OVER_CHECKS = 2;
/** Back one step after this many checks in a row within the cap (10 s). */
const WITHIN_CHECKS = 5;

interface Streak {
  over: number;
  within: number;
}

const guarded = new WeakSet<Lesson>();

/** Starts guarding a lesson's uplinks (once per lesson; it stops when the lesson closes). */
export function guardUplinks(lesson: Lesson, capBps: number): void {
  if (guarded.has(lesson)) return;
  guarded.add(lesson);
  const streaks = new WeakMap<Participant, Streak>();
  let checking = false;
  const timer = setInterval(() => {
    // A slow worker must not pile up checks.
    if (checking) return;
    checking = true;
    void checkAll(lesson, capBps, streaks).finally(() => (checking = false));
  }, UPLINK_CHECK_MS);
  timer.unref();
  lesson.on('closed', () => clearInterval(timer));
}

/** The senders the SFU limits now, for the teacher's panel after a reload. */
export function limitedUplinks(lesson: Lesson, capBps: number): UplinkState[] {
  return [...lesson.participants.values()].filter((p) => p.media.uplink.level !== 'normal').map((p) => stateOf(p, capBps));
}

async function checkAll(lesson: Lesson, capBps: number, streaks: WeakMap<Participant, Streak>): Promise<void> {
  for (const participant of [...lesson.participants.values()]) {
    const transport = participant.media.transportFor('send');
    if (!transport || transport.closed) continue;
    const stats = await transport.getStats().catch(() => null);
    const bitrate = stats?.[0]?.recvBitrate;
    if (bitrate === undefined) continue;
    participant.media.uplink.kbps = Math.round(bitrate / 1000);
    let streak = streaks.get(participant);
    if (!streak) streaks.set(participant, (streak = { over: 0, within: 0 }));
    streak.over = bitrate > capBps * OVER_FACTOR ? streak.over + 1 : 0;
    streak.within = bitrate <= capBps ? streak.within + 1 : 0;
    const level = participant.media.uplink.level;
    const step = uplinkLevels.indexOf(level);
    if (streak.over >= OVER_CHECKS && step < uplinkLevels.length - 1) move(lesson, participant, uplinkLevels[step + 1]!, capBps, streak);
    else if (streak.within >= WITHIN_CHECKS && step > 0) move(lesson, participant, uplinkLevels[step - 1]!, capBps, streak);
  }
}

function move(lesson: Lesson, sender: Participant, level: UplinkLevel, capBps: number, streak: Streak): void {
  sender.media.uplink.level = level;
  streak.over = 0;
  streak.within = 0;
  lesson.logger.warn({ participantId: sender.id, level, kbps: sender.media.uplink.kbps, capKbps: capBps / 1000 }, 'uplink guard');
  const producerIds = new Set(sender.media.producers.keys());
  for (const receiver of lesson.participants.values()) {
    for (const received of receiver.media.consumers.values()) {
      if (producerIds.has(received.consumer.producerId)) void flowAsPlaced(lesson, received).catch(() => undefined);
    }
  }
  for (const producerId of producerIds) scheduleSendLayers(lesson, producerId, 0);
  lesson.tellTeacher({ type: 'uplinkGuard', state: stateOf(sender, capBps) });
}

function stateOf(participant: Participant, capBps: number): UplinkState {
  return { participantId: participant.id, level: participant.media.uplink.level, kbps: participant.media.uplink.kbps, capKbps: Math.round(capBps / 1000) };
}
