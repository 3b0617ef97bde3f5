import { z } from 'zod';
import { clipSchema, libraryListSchema, mediaUrlSchema, type Clip, type LibraryList, type NewClip } from '../shared/src/library.js';
import { connectClient } from '../server/test/support/signallingClient.js';
import { apiCall, type ScheduledLesson } from './adminApi.js';
import { recordingRows } from './recordings.js';
import type { ServerProcess } from './serverProcess.js';

/** The library's API as its pages call it, for the tests. */

/** GET /api/library with filters, as `token`. */
export const searchLibrary = (url: string, token: string, filters: Record<string, string> = {}): Promise<LibraryList> =>
  apiCall(url, `/library?${new URLSearchParams(filters).toString()}`, libraryListSchema, { token });

/**
 * A recording with no media (the teacher's raw signalling client joins,
 * starts recording and stops it a moment later): a row and a stage log, for
 * tests of who may see and do what. Returns the recording row.
 */
export async function recordWithoutMedia(server: ServerProcess, lesson: ScheduledLesson) {
  const teacher = await connectClient(server.url, lesson.teacherToken);
  try {
    await teacher.ok({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'teacher' });
    await teacher.ok({ type: 'setRecording', recording: true });
    await new Promise((r) => setTimeout(r, 1000));
    await teacher.ok({ type: 'setRecording', recording: false });
  } finally {
    teacher.close();
  }
  const [row] = recordingRows(server.dataDir, lesson.lessonId);
  if (!row) throw new Error('no recording row');
  return row;
}

/** Cuts a micro-lesson as `token` and waits until it is ready (or failed); returns it and how its progress went. */
export async function cutClip(url: string, token: string, recordingId: string, clip: NewClip, timeoutMs = 120_000): Promise<{ clip: Clip; progress: number[] }> {
  const made = await apiCall(url, `/recordings/${encodeURIComponent(recordingId)}/clips`, clipSchema, { token, body: clip });
  const progress = [made.progress];
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 300))) {
    const now = await apiCall(url, `/clips/${encodeURIComponent(made.id)}`, clipSchema, { token });
    progress.push(now.progress);
    if (now.status !== 'making') return { clip: now, progress };
  }
  throw new Error(`the clip ${made.id} was not made within ${timeoutMs} ms`);
}

/** A media address of a recording's directed view or a clip, absolute. */
export async function mediaUrl(url: string, token: string, what: { recording: string } | { clip: string }): Promise<string> {
  const path = 'recording' in what ? `/recordings/${encodeURIComponent(what.recording)}/play` : `/clips/${encodeURIComponent(what.clip)}/play`;
  return `${url}${(await apiCall(url, path, mediaUrlSchema, { token, method: 'POST' })).url}`;
}

export const pairingsSchema = z.array(z.object({ supportSchoolId: z.string(), receivingSchoolId: z.string() }));
