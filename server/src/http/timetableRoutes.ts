import { z } from 'zod';
import {
  ErrorCode, extendLessonSchema, LessonError, newHolidaySchema, timetableFormatSchema, newTermSchema, newTimetableChangeSchema, newTimetableEntrySchema, timetableImportSchema,
  type NewTerm, type NewTimetableChange, type NewTimetableEntry, type Timetable, type TimetableFormat,
  lessonEndSchema,
  termSchema,
  timetableEntrySchema,
  timetableImportResultSchema,
  timetableSchema,
} from '@shared';
import { demand, lessonTarget } from '../auth/can.js';
import { lessonPlan } from '../db/lessonPlans.js';
import {
  addChange, addHoliday, changeEntry, createTerm, deleteChange, deleteEntry, deleteHoliday, entry, holidayTerm, saveEntries, term, terms, termTimetable, updateEntry,
  type TermRecord,
} from '../db/timetable.js';
import { checkInTerm, checkOverlaps, TimetableConflict } from '../timetable/conflicts.js';
import { checkEntry, proposedEntry } from '../timetable/timetableProposal.js';
import { exportTimetable, importTimetable } from '../timetable/timetableFiles.js';
import { audited, type ApiCall, type ApiRoute, answersNothing } from './apiRoute.js';
import { bureauOf, queryString, schoolFor, schoolsInScope, schoolQuery } from './scopes.js';
import { extendLesson } from '../timetable/extendLesson.js';

/** 课表: terms, holidays, entries, one-off changes, import and export; 延长 of a lesson. */

/** The term of the route, if the principal may do `action` to it (a teacher managing: only with `ownerId` her own entry). */
async function termFor(call: ApiCall, action: 'timetable.read' | 'timetable.manage', termId: string, ownerId?: string): Promise<TermRecord> {
  const found = await term(call.services.db, termId);
  if (!found) throw new LessonError(ErrorCode.NotFound, 'no such term');
  demand(call.principal, action, { bureauId: found.bureauId, schoolIds: [found.schoolId], ownerId: ownerId ?? null });
  return found;
}

/** A conflict's message in the page's language (`?lang=zh`), English otherwise; and the timetable's lessons made again after a change. */
async function changing<T>(call: ApiCall, work: () => Promise<T>): Promise<T> {
  try {
    const result = await work();
    await call.services.timetable.wake({ expand: true });
    return result;
  } catch (error) {
    if (error instanceof TimetableConflict && queryString(call.query['lang'])?.startsWith('zh')) throw new LessonError(error.code, error.zh);
    throw error;
  }
}

/** `?lang=zh`: a conflict's or a bad row's message in Chinese. */
const langQuery = z.object({ lang: z.string().optional() });

const zone = (call: ApiCall) => call.services.config.timetable.timeZone;

async function timetableOf(call: ApiCall, found: TermRecord): Promise<Timetable> {
  const { term: t, ...rest } = await termTimetable(call.services.db, found);
  return { term: { id: t.id, schoolId: t.schoolId, name: t.name, startsOn: t.startsOn, endsOn: t.endsOn }, ...rest, timeZone: zone(call) };
}

const entryRoute = (id: string | null) => async (call: ApiCall) => {
  const { db } = call.services;
  const value = call.body as NewTimetableEntry;
  const old = id === null ? null : await entry(db, call.params['id'] ?? '');
  if (id !== null && !old) throw new LessonError(ErrorCode.NotFound, 'no such entry');
  const found = await termFor(call, 'timetable.manage', old?.termId ?? call.params['id'] ?? '', value.teacherAccountId);
  // A teacher may move her own entry, never take over another's.
  if (old) demand(call.principal, 'timetable.manage', { bureauId: found.bureauId, schoolIds: [found.schoolId], ownerId: old.teacherAccountId });
  return changing(call, async () => {
    const current = await termTimetable(db, found);
    const proposed = await proposedEntry(db, found.id, old?.id ?? 'new', value, found.bureauId);
    await checkEntry(db, current, proposed, zone(call));
    const entryId = old ? (await updateEntry(db, old.id, found.id, value), old.id) : (await saveEntries(db, found.id, [value]))[0]!;
    audited(call, old ? 'timetable.entry.update' : 'timetable.entry.create', entryId, value.title);
    return (await entry(db, entryId))!;
  });
};

export const timetableRoutes: readonly ApiRoute[] = [
  {
    method: 'get',
    path: '/timetable/terms',
    action: 'timetable.read',
    summary: 'The terms (课表) of the schools in scope, or of one school.',
    query: schoolQuery,
    response: z.array(termSchema),
    async run(call) {
      const schoolIds = await schoolsInScope(call.services.db, call.principal, 'timetable.read', queryString(call.query['schoolId']));
      return (await terms(call.services.db, { bureauId: bureauOf(call.principal), schoolIds })).map(({ bureauId: _, ...t }) => t);
    },
  },
  {
    method: 'post',
    path: '/timetable/terms',
    action: 'timetable.manage',
    summary: 'Create a term of a school.',
    response: timetableSchema,
    body: newTermSchema,
    async run(call) {
      const value = call.body as NewTerm;
      await schoolFor(call.services.db, call.principal, 'timetable.manage', value.schoolId);
      const id = await createTerm(call.services.db, value);
      audited(call, 'timetable.term.create', id, value.name);
      return timetableOf(call, (await term(call.services.db, id))!);
    },
  },
  {
    method: 'get',
    path: '/timetable/terms/:id',
    action: 'timetable.read',
    summary: "A term's timetable: holidays, entries and one-off changes.",
    response: timetableSchema,
    run: async (call) => timetableOf(call, await termFor(call, 'timetable.read', call.params['id'] ?? '')),
  },
  {
    method: 'post',
    path: '/timetable/terms/:id/holidays',
    action: 'timetable.manage',
    summary: 'Add a holiday to a term.',
    query: langQuery,
    response: timetableSchema,
    body: newHolidaySchema,
    async run(call) {
      const found = await termFor(call, 'timetable.manage', call.params['id'] ?? '');
      const value = call.body as { name: string; startsOn: string; endsOn: string };
      return changing(call, async () => {
        checkInTerm(found, value.startsOn, value.name);
        checkInTerm(found, value.endsOn, value.name);
        const id = await addHoliday(call.services.db, found.id, value);
        audited(call, 'timetable.holiday.create', id, value.name);
        return timetableOf(call, found);
      });
    },
  },
  {
    method: 'post',
    path: '/timetable/holidays/:id/delete',
    action: 'timetable.manage',
    summary: 'Remove a holiday.',
    query: langQuery,
    response: timetableSchema,
    async run(call) {
      const termId = await holidayTerm(call.services.db, call.params['id'] ?? '');
      if (!termId) throw new LessonError(ErrorCode.NotFound, 'no such holiday');
      const found = await termFor(call, 'timetable.manage', termId);
      return changing(call, async () => {
        // Weekly lessons come back on those days: they must not clash with what was put there meanwhile.
        const current = await termTimetable(call.services.db, found);
        await checkOverlaps(call.services.db, { ...current, holidays: current.holidays.filter((h) => h.id !== call.params['id']) }, zone(call));
        await deleteHoliday(call.services.db, call.params['id'] ?? '');
        audited(call, 'timetable.holiday.delete', call.params['id'] ?? '');
        return timetableOf(call, found);
      });
    },
  },
  { method: 'post', path: '/timetable/terms/:id/entries', action: 'timetable.manage', summary: 'Add a weekly or one-off entry; a conflict is refused naming the other lesson.', response: timetableEntrySchema, query: langQuery, body: newTimetableEntrySchema, run: entryRoute(null) },
  { method: 'post', path: '/timetable/entries/:id', action: 'timetable.manage', summary: 'Change an entry.', response: timetableEntrySchema, query: langQuery, body: newTimetableEntrySchema, run: entryRoute('') },
  {
    method: 'post',
    path: '/timetable/entries/:id/delete',
    action: 'timetable.manage',
    summary: 'Remove an entry.',
    response: answersNothing,
    query: langQuery,
    async run(call) {
      const old = await entry(call.services.db, call.params['id'] ?? '');
      if (!old) throw new LessonError(ErrorCode.NotFound, 'no such entry');
      await termFor(call, 'timetable.manage', old.termId, old.teacherAccountId);
      return changing(call, async () => {
        await deleteEntry(call.services.db, old.id);
        audited(call, 'timetable.entry.delete', old.id, old.title);
        return {};
      });
    },
  },
  {
    method: 'post',
    path: '/timetable/changes',
    action: 'timetable.manage',
    summary: "A one-off change of an entry: cancel or move one day's lesson.",
    query: langQuery,
    response: timetableSchema,
    body: newTimetableChangeSchema,
    async run(call) {
      const { db } = call.services;
      const value = call.body as NewTimetableChange;
      const old = await entry(db, value.entryId);
      if (!old) throw new LessonError(ErrorCode.NotFound, 'no such entry');
      const found = await termFor(call, 'timetable.manage', old.termId, old.teacherAccountId);
      return changing(call, async () => {
        const current = await termTimetable(db, found);
        if (value.kind === 'move') {
          checkInTerm(found, value.toDate, old.title);
          const moved = { id: 'new', entryId: old.id, kind: 'move' as const, occursOn: value.occursOn, toDate: value.toDate, startsAt: value.startsAt, endsAt: value.endsAt };
          await checkOverlaps(db, { ...current, changes: [...current.changes.filter((c) => !(c.entryId === old.id && c.occursOn === value.occursOn)), moved] }, zone(call));
        }
        const id = await addChange(db, value);
        audited(call, `timetable.change.${value.kind}`, id, `${old.title} ${value.occursOn}`);
        return timetableOf(call, found);
      });
    },
  },
  {
    method: 'post',
    path: '/timetable/changes/:id/delete',
    action: 'timetable.manage',
    summary: 'Undo a one-off change.',
    query: langQuery,
    response: timetableSchema,
    async run(call) {
      const { db } = call.services;
      const entryId = await changeEntry(db, call.params['id'] ?? '');
      const old = entryId ? await entry(db, entryId) : null;
      if (!old) throw new LessonError(ErrorCode.NotFound, 'no such change');
      const found = await termFor(call, 'timetable.manage', old.termId, old.teacherAccountId);
      return changing(call, async () => {
        const current = await termTimetable(db, found);
        await checkOverlaps(db, { ...current, changes: current.changes.filter((c) => c.id !== call.params['id']) }, zone(call));
        await deleteChange(db, call.params['id'] ?? '');
        audited(call, 'timetable.change.delete', call.params['id'] ?? '');
        return timetableOf(call, found);
      });
    },
  },
  {
    method: 'get',
    path: '/timetable/terms/:id/export',
    action: 'timetable.read',
    summary: "A term's entries as CSV.",
    produces: 'text/csv',
    async run(call) {
      const found = await termFor(call, 'timetable.read', call.params['id'] ?? '');
      const format = timetableFormatSchema.catch('csv').parse(queryString(call.query['format']));
      const file = await exportTimetable(call.services.db, found, format);
      call.res.setHeader('content-type', file.type);
      call.res.setHeader('content-disposition', `attachment; filename="timetable-${found.id}.${format}"`);
      call.res.end(file.body);
      return undefined;
    },
  },
  {
    method: 'post',
    path: '/timetable/terms/:id/import',
    action: 'timetable.manage',
    summary: 'Import entries from CSV; each bad row is named.',
    query: langQuery,
    response: timetableImportResultSchema,
    body: timetableImportSchema,
    async run(call) {
      const found = await termFor(call, 'timetable.manage', call.params['id'] ?? '');
      const { format, content } = call.body as { format: TimetableFormat; content: string };
      const result = await importTimetable(call.services.db, found, format, content, zone(call), queryString(call.query['lang'])?.startsWith('zh') ?? false);
      if (result.errors.length === 0) {
        audited(call, 'timetable.import', found.id, `${result.imported} entries`);
        await call.services.timetable.wake({ expand: true });
      }
      return result;
    },
  },
  {
    method: 'post',
    path: '/lessons/:id/extend',
    action: 'lesson.extend',
    summary: "延长: the lesson's teacher moves its end later.",
    query: langQuery,
    response: lessonEndSchema,
    body: extendLessonSchema,
    async run(call) {
      const plan = await lessonPlan(call.services.db, call.params['id'] ?? '');
      if (!plan) throw new LessonError(ErrorCode.NotFound, 'no such lesson');
      demand(call.principal, 'lesson.extend', lessonTarget(plan));
      const minutes = (call.body as { minutes?: number }).minutes ?? 10;
      return changing(call, async () => {
        const endsAt = await extendLesson(call.services, plan, minutes, zone(call));
        audited(call, 'lesson.extend', plan.id, `${minutes} min`);
        return { endsAt };
      });
    },
  },
];
