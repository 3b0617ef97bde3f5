import type { JoinedLesson, PublishedTrack } from '@shared';
import { connectClient } from '../../server/test/support/signallingClient.js';
import { createGuestLink, guestToken, type AdminTarget, type ScheduledLesson } from '../adminApi.js';
import { receiveLight, type ReceivedBytes } from './lightParticipant.js';

/** A hidden observer (听课) or a viewer (观众) as a light client, receiving every track of the lesson. */
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
  return joinLight(lesson, target, await guestToken(guest.credential, target), 'observer');
}

/** One who only receives, joined as `role` with `token`'s session, consuming every track of the lesson as a tile. */
async function joinLight(lesson: Pick<ScheduledLesson, 'lessonId'>, target: AdminTarget, token: string, role: 'observer' | 'viewer'): Promise<LightObserver> {
  const client = await connectClient(target.url, token);
  try {
    const joined = await joinAsPageDoes(() => client.ok<JoinedLesson>({ type: 'joinLesson', lessonId: lesson.lessonId, role }));
    if (joined.self.role !== role) throw new Error(`joined as ${joined.self.role}, not as ${role}`);
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
 * `count` viewers (观众) at once, as a broadcast's audience comes: one guest
 * link, a session of it each (so a place each), joined as `viewer`. If one
 * cannot join, the others leave again and the error is thrown.
 */
export async function joinLightViewers(count: number, lesson: Pick<ScheduledLesson, 'lessonId' | 'teacherToken'>, target: AdminTarget): Promise<LightObserver[]> {
  const guest = await createGuestLink(lesson.lessonId, lesson.teacherToken, target);
  return allOrNone(count, async () => joinLight(lesson, target, await guestToken(guest.credential, target), 'viewer'));
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
  return allOrNone(count, () => joinLightObserver(lesson, target));
}

async function allOrNone(count: number, join: () => Promise<LightObserver>): Promise<LightObserver[]> {
  const settled = await Promise.allSettled(Array.from({ length: count }, join));
  const joined = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await Promise.all(joined.map((observer) => observer.close()));
    throw failed.reason;
  }
  return joined;
}
