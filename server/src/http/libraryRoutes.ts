import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  ErrorCode,
  LessonError,
  libraryQuerySchema,
  newClipSchema,
  type LibraryFacets,
  type LibraryItem,
  type LibraryList,
  type MediaUrl,
  type NewClip,
  type RecordingDetail,
  clipSchema,
  libraryListSchema,
  mediaUrlSchema,
  recordingDetailSchema,
} from '@shared';
import { can, demand } from '../auth/can.js';
import type { Principal } from '../auth/principal.js';
import { clipsOf, createClip, deleteClip } from '../db/clips.js';
import { newId } from '../db/ids.js';
import { classroomNames, schoolNames, searchRecordings, type LibraryRow } from '../db/library.js';
import { chaptersOf, classroomIdsOf, timeZero } from '../features/library/chapters.js';
import { planCut } from '../features/library/clipCut.js';
import { directedPath } from '../features/library/directedView.js';
import { clipView, matchesText, recordingView, schoolIdsOf } from '../features/library/libraryViews.js';
import { mediaDurationMs } from '../features/library/mediaProbe.js';
import { RecordingFiles } from '../features/recording/recordingFiles.js';
import { audited, type ApiCall, type ApiRoute, answersNothing } from './apiRoute.js';
import { clipTarget, viewableClip, viewableRecording, visibleTo } from './libraryScope.js';
import { mediaAddress } from './recordingMedia.js';

/** 资源库 and 微课: search the recordings one may see, open one with its chapters, play it, cut micro-lessons from it. */

/** The query string as the search schema reads it: empty fields are no filter. */
function libraryQuery(query: Record<string, unknown>) {
  const given = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== ''));
  const parsed = libraryQuerySchema.safeParse(given);
  if (!parsed.success) throw new LessonError(ErrorCode.BadRequest, parsed.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; '));
  return parsed.data;
}

/** What the filters offer: the subjects, grades, teachers and schools of everything the asker may see. */
function facetsOf(rows: readonly LibraryRow[], names: ReadonlyMap<string, string>): LibraryFacets {
  const sorted = (values: Iterable<string | null>) => [...new Set([...values].filter((v): v is string => !!v))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  const teachers = new Map(rows.filter((r) => r.teacher_account_id).map((r) => [r.teacher_account_id!, r.teacher_name]));
  const schools = new Set(rows.flatMap(schoolIdsOf));
  return {
    subjects: sorted(rows.map((r) => r.subject)),
    grades: sorted(rows.map((r) => r.grade)),
    teachers: [...teachers].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    schools: [...schools].map((id) => ({ id, name: names.get(id) ?? id })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
  };
}

const recordingsDir = (call: ApiCall): string => call.services.config.recording.dir;

/** Whether the principal may cut micro-lessons from this recording. */
const mayClip = (principal: Principal, row: LibraryRow): boolean => can(principal, 'recording.clip', clipTarget(row, row.teacher_account_id));

export const libraryRoutes: readonly ApiRoute[] = [
  {
    method: 'get',
    path: '/library',
    action: 'recording.view',
    summary: 'Search the recordings and micro-lessons one may see (资源库).',
    query: libraryQuerySchema,
    response: libraryListSchema,
    async run(call): Promise<LibraryList> {
      const { db } = call.services;
      const { q, ...filters } = libraryQuery(call.query);
      const visible = await visibleTo(db, call.principal);
      const [all, found] = await Promise.all([searchRecordings(db, visible), searchRecordings(db, visible, filters)]);
      const names = await schoolNames(db, all.flatMap(schoolIdsOf));
      const clips = await clipsOf(db, found.map((r) => r.id));
      const byId = new Map(found.map((r) => [r.id, r]));
      const items: LibraryItem[] = [
        ...found.filter((r) => matchesText(q, r.title)).map((r) => recordingView(r, names, clips.filter((c) => c.recording_id === r.id).length, recordingsDir(call))),
        ...clips.filter((c) => matchesText(q, c.title, c.description, byId.get(c.recording_id)!.title)).map((c) => clipView(c, byId.get(c.recording_id)!, names)),
      ];
      return { items, facets: facetsOf(all, names) };
    },
  },
  {
    method: 'get',
    path: '/recordings/:id',
    action: 'recording.view',
    summary: 'A recording with its chapters and micro-lessons.',
    response: recordingDetailSchema,
    async run(call): Promise<RecordingDetail> {
      const { db } = call.services;
      const row = await viewableRecording(db, call.principal, call.params['id'] ?? '');
      const log = new RecordingFiles(join(recordingsDir(call), row.dir)).stageLog();
      const [names, rooms, clips] = await Promise.all([schoolNames(db, schoolIdsOf(row)), classroomNames(db, classroomIdsOf(log)), clipsOf(db, [row.id])]);
      const nameOf = (participantId: string): string =>
        participantId === 'teacher' ? row.teacher_name : (rooms.get(participantId.replace(/^classroom:/, '')) ?? participantId);
      return {
        recording: recordingView(row, names, clips.length, recordingsDir(call)),
        chapters: chaptersOf(log, timeZero(log, row.started_at), nameOf),
        clips: clips.map((c) => clipView(c, row, names)),
        mayClip: mayClip(call.principal, row),
      };
    },
  },
  {
    method: 'post',
    path: '/recordings/:id/play',
    action: 'recording.view',
    summary: "A short-lived address to play a recording's directed view.",
    response: mediaUrlSchema,
    async run(call): Promise<MediaUrl> {
      const row = await viewableRecording(call.services.db, call.principal, call.params['id'] ?? '');
      if (!existsSync(directedPath(recordingsDir(call), row))) throw new LessonError(ErrorCode.Conflict, 'the directed view of this recording is not ready yet');
      return mediaAddress(call.services, call.principal, { kind: 'recording', id: row.id });
    },
  },
  {
    method: 'post',
    path: '/recordings/:id/clips',
    action: 'recording.clip',
    summary: 'Cut a micro-lesson (微课) from a recording.',
    response: clipSchema,
    body: newClipSchema,
    async run(call) {
      const { db } = call.services;
      const row = await viewableRecording(db, call.principal, call.params['id'] ?? '');
      demand(call.principal, 'recording.clip', clipTarget(row, row.teacher_account_id));
      const clip = call.body as NewClip;
      const source = directedPath(recordingsDir(call), row);
      const lengthMs = existsSync(source) ? await mediaDurationMs(source) : null;
      if (lengthMs === null) throw new LessonError(ErrorCode.Conflict, 'the directed view of this recording is not ready yet');
      if (clip.outMs > lengthMs + 500) throw new LessonError(ErrorCode.BadRequest, `the out-point is past the end of the recording (${Math.floor(lengthMs / 1000)} s)`);
      const outMs = Math.min(clip.outMs, lengthMs);
      const plan = await planCut(source, clip.inMs, outMs);
      const id = newId('clip');
      const created = await createClip(db, {
        id,
        recording_id: row.id,
        title: clip.title,
        description: clip.description,
        in_ms: plan.fromMs,
        out_ms: plan.toMs,
        method: plan.method,
        status: 'making',
        progress: 0,
        duration_ms: null,
        size_bytes: 0,
        file: `${row.dir}/clips/${id}.mp4`,
        created_by: call.principal.id,
        created_by_name: call.principal.name,
        created_at: Date.now(),
      });
      call.services.clips.make(created);
      audited(call, 'clip.create', id, `${row.id}: ${clip.title}`);
      return clipView(created, row, await schoolNames(db, schoolIdsOf(row)));
    },
  },
  {
    method: 'get',
    path: '/clips/:id',
    action: 'recording.view',
    summary: 'A micro-lesson.',
    response: clipSchema,
    async run(call) {
      const { clip, recording } = await viewableClip(call.services.db, call.principal, call.params['id'] ?? '');
      return clipView(clip, recording, await schoolNames(call.services.db, schoolIdsOf(recording)));
    },
  },
  {
    method: 'post',
    path: '/clips/:id/play',
    action: 'recording.view',
    summary: 'A short-lived address to play a micro-lesson.',
    response: mediaUrlSchema,
    async run(call): Promise<MediaUrl> {
      const { clip } = await viewableClip(call.services.db, call.principal, call.params['id'] ?? '');
      if (clip.status !== 'ready') throw new LessonError(ErrorCode.Conflict, 'the micro-lesson is not ready yet');
      return mediaAddress(call.services, call.principal, { kind: 'clip', id: clip.id });
    },
  },
  {
    method: 'post',
    path: '/clips/:id/delete',
    action: 'recording.clip',
    summary: 'Delete a micro-lesson.',
    response: answersNothing,
    async run(call) {
      const { clip, recording } = await viewableClip(call.services.db, call.principal, call.params['id'] ?? '');
      demand(call.principal, 'recording.clip', clipTarget(recording, clip.created_by));
      await deleteClip(call.services.db, clip.id);
      rmSync(call.services.clips.filePath(clip), { force: true });
      audited(call, 'clip.delete', clip.id, clip.title);
      return {};
    },
  },
];
