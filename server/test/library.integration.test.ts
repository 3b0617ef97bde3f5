import { connectClient } from './support/signallingClient.js';
import { join } from 'node:path';
import { statSync } from 'node:fs';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingDetailSchema, schoolSchema } from '@shared';
import { AdminApiError, adminToken, apiCall, createPerson, createTeacher, scheduleLesson, signIn, type ScheduledLesson } from '../../testkit/adminApi.js';
import { cutClip, mediaUrl, recordWithoutMedia, searchLibrary } from '../../testkit/library.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { probeMp4, testPatternDirectedView } from '../../testkit/standInDirectedView.js';

/*
 * 资源库 through a real server: the search finds a lesson by subject and by
 * teacher and never shows it to someone outside its scope; its directed
 * view plays with range requests through a media address that works for
 * that one file and that session only; a micro-lesson has the duration
 * asked for, decodes, and is stream-copied only when its in-point is on a
 * key frame. The directed view here is a stand-in (test pattern, key frame
 * every 2 s) until the directed-view job exists.
 */
describe('the library', () => {
  let server: ServerProcess;
  let maths: ScheduledLesson;
  let chinese: ScheduledLesson;
  let mathsRecording: string;
  let directedFile: string;
  let outsider: string;

  beforeAll(async () => {
    server = await startServer();
    const liu = await createPerson({ role: 'teacher', schoolId: 'chengguan', name: '刘老师' }, server);
    maths = await scheduleLesson({ title: '分数的初步认识', subject: '数学', grade: '四年级', teacher: liu }, server);
    chinese = await scheduleLesson({ title: '古诗两首', subject: '语文', grade: '三年级', classroomIds: ['shanping-4'] }, server);
    const row = await recordWithoutMedia(server, maths);
    await recordWithoutMedia(server, chinese);
    mathsRecording = row.id;
    directedFile = await testPatternDirectedView(server.dataDir, row, 20);
    // A school admin of a school of the bureau that is neither in the lessons nor paired with their schools.
    const lone = await apiCall(server.url, '/schools', schoolSchema, { token: await adminToken(server), body: { name: '孤山小学', kind: 'receiving' } });
    const admin = await createPerson({ role: 'schoolAdmin', schoolId: lone.id }, server);
    outsider = (await signIn(server.url, admin.login, admin.password)).accessToken;
  }, 120_000);

  afterAll(() => server?.stop());

  it('finds the lesson by subject, by teacher and by title, and not for a user outside its scope', async () => {
    const teacher = maths.teacherToken;
    const bySubject = await searchLibrary(server.url, teacher, { subject: '数学' });
    expect(bySubject.items.map((i) => i.title)).toEqual(['分数的初步认识']);
    expect(bySubject.items[0]).toMatchObject({ kind: 'recording', subject: '数学', grade: '四年级', teacherName: '刘老师', status: 'stopped', directed: { status: 'ready' } });
    expect((await searchLibrary(server.url, teacher, { teacher: '刘' })).items.map((i) => i.title)).toEqual(['分数的初步认识']);
    expect((await searchLibrary(server.url, teacher, { q: '古诗' })).items.map((i) => i.title)).toEqual(['古诗两首']);
    expect((await searchLibrary(server.url, teacher, { grade: '三年级', school: 'shanping' })).items.map((i) => i.title)).toEqual(['古诗两首']);
    expect((await searchLibrary(server.url, teacher, { from: String(Date.now() + 60_000) })).items).toEqual([]);
    // The filters offer what she may see.
    expect(bySubject.facets.subjects).toEqual(['数学', '语文']);
    // A rural school admin sees its pairing's lesson; the outsider sees nothing and cannot open it.
    const rural = await createPerson({ role: 'schoolAdmin', schoolId: 'hewan' }, server);
    const ruralToken = (await signIn(server.url, rural.login, rural.password)).accessToken;
    expect((await searchLibrary(server.url, ruralToken, { subject: '数学' })).items.map((i) => i.title)).toEqual(['分数的初步认识']);
    expect((await searchLibrary(server.url, outsider, { subject: '数学' })).items).toEqual([]);
    expect((await searchLibrary(server.url, outsider)).facets).toEqual({ subjects: [], grades: [], teachers: [], schools: [] });
    await expect(apiCall(server.url, `/recordings/${mathsRecording}`, recordingDetailSchema, { token: outsider })).rejects.toMatchObject({ status: 403 });
    await expect(mediaUrl(server.url, outsider, { recording: mathsRecording })).rejects.toMatchObject({ status: 403 });
    // A bad filter is a clear error, not a crash.
    await expect(searchLibrary(server.url, teacher, { from: 'yesterday' })).rejects.toMatchObject({ status: 400, code: 'BAD_REQUEST' });
  });

  it('serves the directed view with range requests, to that session and for that file only', async () => {
    const url = await mediaUrl(server.url, maths.teacherToken, { recording: mathsRecording });
    const size = statSync(directedFile).size;
    const head = await fetch(url, { headers: { range: 'bytes=0-99' } });
    expect(head.status).toBe(206);
    expect(head.headers.get('accept-ranges')).toBe('bytes');
    expect(head.headers.get('content-range')).toBe(`bytes 0-99/${size}`);
    expect(head.headers.get('content-type')).toBe('video/mp4');
    expect((await head.arrayBuffer()).byteLength).toBe(100);
    const tail = await fetch(url, { headers: { range: `bytes=${size - 10}-` } });
    expect(tail.status).toBe(206);
    expect((await tail.arrayBuffer()).byteLength).toBe(10);
    const whole = await fetch(url);
    expect(whole.status).toBe(200);
    expect((await whole.arrayBuffer()).byteLength).toBe(size);
    // Another file with this token, a forged token, none: refused, nothing served.
    const other = url.replace(`/recording/${mathsRecording}/directed.mp4`, `/clip/${mathsRecording}/clip.mp4`);
    expect((await fetch(other)).status).toBe(403);
    expect((await fetch(url.replace(/m=[^&]+/, 'm=forged'))).status).toBe(401);
    expect((await fetch(url.replace(/\?.*$/, ''))).status).toBe(401);
    // Signing out ends the address at once.
    const again = await signIn(server.url, maths.teacherLogin.login, maths.teacherLogin.password);
    const short = await mediaUrl(server.url, again.accessToken, { recording: mathsRecording });
    expect((await fetch(short, { headers: { range: 'bytes=0-9' } })).status).toBe(206);
    await apiCall(server.url, '/auth/logout', z.object({}).loose(), { token: again.accessToken, method: 'POST' });
    expect((await fetch(short, { headers: { range: 'bytes=0-9' } })).status).toBe(401);
    // Not ready (the lesson still records, so there is no directed view yet): no address.
    const teacher = await connectClient(server.url, chinese.teacherToken);
    try {
      await teacher.ok({ type: 'joinLesson', lessonId: chinese.lessonId, role: 'teacher' });
      await teacher.ok({ type: 'setRecording', recording: true });
      const running = (await searchLibrary(server.url, chinese.teacherToken, { subject: '语文' })).items.find((item) => item.kind === 'recording' && item.directed.status === 'none');
      expect(running, 'the running recording is listed, its directed view not made yet').toBeDefined();
      await expect(mediaUrl(server.url, chinese.teacherToken, { recording: running!.id })).rejects.toMatchObject({ status: 409 });
      await teacher.ok({ type: 'setRecording', recording: false });
    } finally {
      teacher.close();
    }
  });

  it('cuts micro-lessons of the asked duration that decode: stream copy from a key frame, re-encoded otherwise', async () => {
    const copied = await cutClip(server.url, maths.teacherToken, mathsRecording, { title: '分数的意义', description: '用折纸认识二分之一', inMs: 4000, outMs: 10_000 });
    expect(copied.clip).toMatchObject({ status: 'ready', method: 'copy', inMs: 4000, outMs: 10_000 });
    const encoded = await cutClip(server.url, maths.teacherToken, mathsRecording, { title: '练一练', description: '', inMs: 5300, outMs: 12_300 });
    expect(encoded.clip).toMatchObject({ status: 'ready', method: 'encode', inMs: 5300 });
    for (const [{ clip }, wantMs] of [[copied, 6000], [encoded, 7000]] as const) {
      expect(Math.abs(clip.durationMs! - wantMs), `${clip.title} lasts ${clip.durationMs} ms`).toBeLessThanOrEqual(1000);
      const probed = await probeMp4(join(server.dataDir, 'recordings', maths.lessonId, mathsRecording, 'clips', `${clip.id}.mp4`));
      expect(probed.codecs).toEqual(['h264', 'aac']);
      expect(Math.abs(probed.durationMs - wantMs)).toBeLessThanOrEqual(1000);
      expect(probed.decodedFrames, 'frames ffprobe decodes').toBeGreaterThanOrEqual((wantMs / 1000 - 1) * 10);
      const url = await mediaUrl(server.url, maths.teacherToken, { clip: clip.id });
      const bytes = Buffer.from(await (await fetch(url)).arrayBuffer());
      expect(bytes.length).toBe(clip.sizeBytes);
    }
    // Listed in the library, found by its own words; probed by ffprobe from its file next to the recording.
    const found = await searchLibrary(server.url, maths.teacherToken, { q: '折纸' });
    expect(found.items.map((i) => `${i.kind}:${i.title}`)).toEqual(['clip:分数的意义']);
    const row = (await apiCall(server.url, `/recordings/${mathsRecording}`, recordingDetailSchema, { token: maths.teacherToken }));
    expect(row.clips.map((c) => c.title).sort()).toEqual(['分数的意义', '练一练']);
    expect(row.mayClip).toBe(true);
    // Another teacher of the school sees it but may not cut it; a hostile cut is refused and makes nothing.
    const other = await createTeacher(server);
    const otherToken = (await signIn(server.url, other.login, other.password)).accessToken;
    expect((await apiCall(server.url, `/recordings/${mathsRecording}`, recordingDetailSchema, { token: otherToken })).mayClip).toBe(false);
    await expect(cutClip(server.url, otherToken, mathsRecording, { title: 'x', description: '', inMs: 0, outMs: 2000 })).rejects.toBeInstanceOf(AdminApiError);
    await expect(cutClip(server.url, maths.teacherToken, mathsRecording, { title: 'x', description: '', inMs: 0, outMs: 60_000 })).rejects.toMatchObject({ status: 400 });
    expect((await apiCall(server.url, `/recordings/${mathsRecording}`, recordingDetailSchema, { token: maths.teacherToken })).clips).toHaveLength(2);
  }, 120_000);
});
