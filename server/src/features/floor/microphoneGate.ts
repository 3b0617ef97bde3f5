import { isMicrophone, mayBeHeard } from '@shared';
import type { Lesson } from '../../lesson/Lesson.js';

/**
 * Enforces the floor at the SFU: a microphone that may not be heard is paused
 * on the server (its producer), so no packet leaves for the other classrooms
 * whatever the page does — no howl from several open rooms, and a modified
 * client cannot speak out of turn.
 */
export async function applyFloor(lesson: Lesson): Promise<void> {
  const changes: Array<Promise<void>> = [];
  for (const participant of lesson.participants.values()) {
    const open = mayBeHeard(participant.id, lesson.floor);
    for (const entry of participant.media.producers.values()) {
      if (!isMicrophone(entry.source)) continue;
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
