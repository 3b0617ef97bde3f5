import type { FloorState, Participant as ParticipantView } from '@shared';
import type { Lesson } from '../../lesson/Lesson.js';

/** Whether a participant's microphone may reach the others under the floor rules. */
export function mayBeHeard(view: Pick<ParticipantView, 'id' | 'role'>, floor: FloorState): boolean {
  if (view.role === 'teacher') return true;
  if (floor.muted.includes(view.id)) return false;
  return floor.mode === 'discussion' || floor.holders.includes(view.id);
}

/**
 * Enforces the floor at the SFU: a microphone that may not be heard is paused
 * on the server (its producer), so no packet leaves for the other classrooms
 * whatever the page does — no howl from several open rooms, and a modified
 * client cannot speak out of turn.
 */
export async function applyFloor(lesson: Lesson): Promise<void> {
  const changes: Array<Promise<void>> = [];
  for (const participant of lesson.participants.values()) {
    const open = mayBeHeard(participant.view, lesson.floor);
    for (const entry of participant.media.producers.values()) {
      if (entry.source !== 'microphone') continue;
      const shouldPause = entry.pausedBySender || !open;
      if (shouldPause === entry.producer.paused) continue;
      const { producer } = entry;
      changes.push(
        (shouldPause ? producer.pause() : producer.resume()).then(() => {
          lesson.broadcast({ type: 'trackPaused', producerId: producer.id, paused: shouldPause });
        }),
      );
    }
  }
  await Promise.all(changes);
}
