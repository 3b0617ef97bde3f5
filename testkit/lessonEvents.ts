import { lessonEventSchema, type LessonEventRecord } from '../shared/src/api.js';
import { adminToken, runServer, type AdminTarget } from './adminApi.js';
import { serverFetch } from './trustedFetch.js';

/** A lesson's event feed as it arrives: everything so far, and a way to stop listening. */
export interface LessonFeed {
  events: LessonEventRecord[];
  /** The events of one kind since `from` (server time, ms). */
  since<K extends LessonEventRecord['event']>(event: K, from: number): Array<Extract<LessonEventRecord, { event: K }>>;
  close(): void;
}

/**
 * Follows GET /api/lessons/:id/events (server-sent events) of a live lesson.
 * Every event is parsed with the shared schema, so a malformed one fails the
 * test that reads it.
 */
export async function followLesson(lessonId: string, target: AdminTarget = runServer()): Promise<LessonFeed> {
  const abort = new AbortController();
  const response = await serverFetch(`${target.url}/api/lessons/${encodeURIComponent(lessonId)}/events`, {
    headers: { authorization: `Bearer ${await adminToken(target)}`, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  if (!response.ok || !response.body) throw new Error(`cannot follow lesson ${lessonId}: ${response.status}`);
  const events: LessonEventRecord[] = [];
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffered = '';
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffered += value;
      let end: number;
      while ((end = buffered.indexOf('\n\n')) >= 0) {
        const message = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const data = message.split('\n').find((line) => line.startsWith('data: '));
        if (data) events.push(lessonEventSchema.parse(JSON.parse(data.slice(6))));
      }
    }
  })();
  return {
    events,
    since: (event, from) => events.filter((e) => e.event === event && e.at >= from) as never,
    close: () => abort.abort(),
  };
}
