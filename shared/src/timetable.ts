import { z } from 'zod';
import { idSchema } from './lesson.js';

/*
 * 课表: a school's weekly timetable within a term (学期), with holidays and
 * one-off changes (调课). Dates are calendar days (`YYYY-MM-DD`) and times
 * wall-clock times of day (`HH:MM`) in the school's time zone
 * (SCHOOL_TIME_ZONE); the server turns each occurrence into a lesson with
 * `startsAt`/`endsAt` in ms.
 */

/** The four pairing forms (四种帮扶形式). */
export const lessonFormSchema = z.enum(['synchronous', 'delivered', 'famousTeacher', 'research']);
export type LessonForm = z.infer<typeof lessonFormSchema>;

export const calendarDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((d) => {
    const [y, m, day] = d.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, day));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === day && y >= 2000 && y <= 2100;
  }, 'no such date');
export const timeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day HH:MM');
/** 1 Monday … 7 Sunday (ISO), as a Chinese timetable counts 周一 … 周日. */
export const weekdaySchema = z.number().int().min(1).max(7);

const text = (max: number) => z.string().trim().min(1).max(max);

export const termSchema = z.object({
  id: z.string(),
  schoolId: z.string(),
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
});
export type Term = z.infer<typeof termSchema>;
export const newTermSchema = z
  .object({ schoolId: idSchema, name: text(100), startsOn: calendarDateSchema, endsOn: calendarDateSchema })
  .strict()
  .refine((t) => t.endsOn >= t.startsOn, { message: 'the term must end on or after its first day' });
export type NewTerm = z.infer<typeof newTermSchema>;

/** 假期: days of a term without weekly lessons (a one-off lesson on them still takes place: a make-up day). */
export const holidaySchema = z.object({ id: z.string(), termId: z.string(), name: z.string(), startsOn: z.string(), endsOn: z.string() });
export type Holiday = z.infer<typeof holidaySchema>;
export const newHolidaySchema = z
  .object({ name: text(100), startsOn: calendarDateSchema, endsOn: calendarDateSchema })
  .strict()
  .refine((h) => h.endsOn >= h.startsOn, { message: 'the holiday must end on or after its first day' });

/** What an entry is, whether weekly (`weekday`) or once (`onDate`). */
const entryFields = {
  title: text(200),
  subject: text(64).optional(),
  grade: text(64).optional(),
  form: lessonFormSchema,
  startsAt: timeOfDaySchema,
  endsAt: timeOfDaySchema,
  teacherAccountId: idSchema,
  hostClassroomId: idSchema,
  classroomIds: z.array(idSchema).max(50),
};

export const newTimetableEntrySchema = z
  .object({ ...entryFields, weekday: weekdaySchema.optional(), onDate: calendarDateSchema.optional() })
  .strict()
  .refine((e) => (e.weekday === undefined) !== (e.onDate === undefined), { message: 'give either a weekday (every week) or a date (once)' })
  .refine((e) => e.endsAt > e.startsAt, { message: 'the end must come after the start' })
  .refine((e) => !e.classroomIds.includes(e.hostClassroomId), { message: 'the host classroom is not also a receiving classroom' });
export type NewTimetableEntry = z.infer<typeof newTimetableEntrySchema>;

export const timetableEntrySchema = z.object({
  id: z.string(),
  termId: z.string(),
  weekday: z.number().nullable(),
  onDate: z.string().nullable(),
  title: z.string(),
  subject: z.string().nullable(),
  grade: z.string().nullable(),
  form: lessonFormSchema,
  startsAt: z.string(),
  endsAt: z.string(),
  teacherAccountId: z.string(),
  teacherName: z.string(),
  hostClassroomId: z.string(),
  classroomIds: z.array(z.string()),
});
export type TimetableEntry = z.infer<typeof timetableEntrySchema>;

/** 调课: one occurrence of a weekly entry cancelled, or moved to another day and time. */
export const newTimetableChangeSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('cancel'), entryId: idSchema, occursOn: calendarDateSchema }).strict(),
    z
      .object({ kind: z.literal('move'), entryId: idSchema, occursOn: calendarDateSchema, toDate: calendarDateSchema, startsAt: timeOfDaySchema, endsAt: timeOfDaySchema })
      .strict(),
  ])
  .refine((c) => c.kind === 'cancel' || c.endsAt > c.startsAt, { message: 'the end must come after the start' });
export type NewTimetableChange = z.infer<typeof newTimetableChangeSchema>;

export const timetableChangeSchema = z.object({
  id: z.string(),
  entryId: z.string(),
  kind: z.enum(['cancel', 'move']),
  occursOn: z.string(),
  toDate: z.string().nullable(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
});
export type TimetableChange = z.infer<typeof timetableChangeSchema>;

/** A term with everything on it: what the 课表 page draws and what export writes. */
export const timetableSchema = z.object({
  term: termSchema,
  holidays: z.array(holidaySchema),
  entries: z.array(timetableEntrySchema),
  changes: z.array(timetableChangeSchema),
  /** The school's time zone, in which every date and time above is meant. */
  timeZone: z.string(),
});
export type Timetable = z.infer<typeof timetableSchema>;

/** The spreadsheet formats of import and export: CSV, or an Excel workbook (.xlsx), with the same columns. */
export const timetableFormatSchema = z.enum(['csv', 'xlsx']);
export type TimetableFormat = z.infer<typeof timetableFormatSchema>;
/**
 * An import: the file's text (CSV) or the workbook base64-encoded (xlsx), within the API's 64 kB body (hundreds of
 * rows). It replaces the term's entries.
 */
export const timetableImportSchema = z
  .object({ format: timetableFormatSchema, content: z.string().min(1).max(60_000) })
  .strict();
export const importRowErrorSchema = z.object({ row: z.number(), reason: z.string() });
export type ImportRowError = z.infer<typeof importRowErrorSchema>;
export const timetableImportResultSchema = z.object({
  imported: z.number(),
  errors: z.array(importRowErrorSchema),
});

/** 延长: the lesson's end moved later (one press: 10 minutes). */
export const extendLessonSchema = z.object({ minutes: z.number().int().min(1).max(60).optional() }).strict();
export const lessonEndSchema = z.object({ endsAt: z.number() });

/** TEST_CLOCK=on only: the timetable's "now" moved to `nowMs` (an end-to-end test's clock). */
export const testClockSchema = z.object({ nowMs: z.number().int().positive() }).strict();
