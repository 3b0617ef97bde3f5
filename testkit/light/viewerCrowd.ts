/**
 * A crowd of light viewers in a process of its own (run by `startViewerCrowd`,
 * at nice 19): on a 2-core test machine the crowd's SRTP would otherwise
 * compete for the cores with the Chromium pages being measured, which in a
 * school it never does (its viewers are on other machines); niced, it takes
 * only what the lesson leaves. The server's work for it stays in the
 * measurement. Messages over IPC: it sends `{ joined }` once every viewer
 * receives, answers `bytes` with each viewer's total, and leaves on `close`.
 */
import { joinLightViewers } from './lightObservers.js';

const [url, lessonId, teacherToken, count] = process.argv.slice(2) as [string, string, string, string];
const viewers = await joinLightViewers(Number(count), { lessonId, teacherToken }, { url, adminPassword: '' });
process.send!({ joined: viewers.map((v) => ({ participantId: v.participantId, tracks: v.tracks })) });
process.on('message', (message: unknown) => {
  if (message === 'bytes') process.send!({ bytes: viewers.map((v) => Object.fromEntries([...v.received].map(([id, b]) => [id, b.total]))) });
  if (message === 'close') void Promise.all(viewers.map((v) => v.close())).then(() => process.exit(0));
});
