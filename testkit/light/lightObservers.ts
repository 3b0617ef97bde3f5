import type { JoinedLesson, PublishedTrack } from '@shared';
import { connectClient } from '../../server/test/support/signallingClient.js';
import { createGuestLink, guestToken, type AdminTarget, type ScheduledLesson } from '../adminApi.js';
import { receiveLight, type ReceivedBytes } from './lightParticipant.js';

/** A hidden observer (听课) as a light client, receiving every track of the lesson. */
export interface LightObserver {
  participantId: string;
  /** The lesson's tracks when it joined, each consumed. */
  tracks: PublishedTrack[];
  /** Bytes received per producer. */
  received: Map<string, ReceivedBytes>;
  /** Bytes received so far over all its tracks. */
  totalBytes(): number;
  close(): Promise<void>;
}

/**
 * One observer with its own principal (a guest link of the lesson's teacher,
 * exchanged for a session as the page does), joined as `observer` and
 * consuming every published track at the place the SFU gives a picture
 * nobody placed: a tile, the lowest simulcast layer.
 */
export async function joinLightObserver(lesson: ScheduledLesson, target: AdminTarget): Promise<LightObserver> {
  const guest = await createGuestLink(lesson.lessonId, lesson.teacherToken, target);
  const client = await connectClient(target.url, await guestToken(guest.credential, target));
  try {
    const joined = await joinAsPageDoes(() => client.ok<JoinedLesson>({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'observer' }));
    if (joined.self.role !== 'observer') throw new Error(`joined as ${joined.self.role}, not as an observer`);
    const { link, received } = await receiveLight(client.ok, joined, joined.tracks.map((t) => t.producerId), 'tile');
    return {
      participantId: joined.self.id,
      tracks: joined.tracks,
      received,
      totalBytes: () => [...received.values()].reduce((sum, bytes) => sum + bytes.total, 0),
      close: async () => {
        await link.close().catch(() => undefined);
        client.close();
      },
    };
  } catch (error) {
    client.close();
    throw error;
  }
}

/**
 * Joins as the lesson page does: a refusal the server calls passing
 * (UNAVAILABLE: its live state store did not answer within a second, as on a
 * machine loaded far past its cores) is tried again a second later, at most
 * three times; any other refusal is thrown at once.
 */
async function joinAsPageDoes<T>(join: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await join();
    } catch (error) {
      if (attempt >= 3 || !/ UNAVAILABLE /.test((error as Error).message)) throw error;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

/** Observers joined at the same time; if one cannot join, the others leave again and the error is thrown. */
export async function joinLightObservers(count: number, lesson: ScheduledLesson, target: AdminTarget): Promise<LightObserver[]> {
  const settled = await Promise.allSettled(Array.from({ length: count }, () => joinLightObserver(lesson, target)));
  const joined = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await Promise.all(joined.map((observer) => observer.close()));
    throw failed.reason;
  }
  return joined;
}
