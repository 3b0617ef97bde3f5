import { lessonFormSchema, type Dashboard, type DashboardLesson, type LessonForm } from '@shared';
import { dashboardLessonRows, type DashboardLessonRows } from '../../db/dashboardRows.js';
import type { Db } from '../../db/database.js';
import { addDays, localParts, wallClockMs, weekdayOf } from '../../timetable/wallClock.js';
import { eventOfRow } from '../participation/participationEvents.js';
import { lessonParticipation } from '../participation/participationFigures.js';

/** Which schools' figures are asked for: a bureau's, or some of its schools (a school admin's own). */
export interface DashboardScope {
  bureauId: string;
  /** The schools shown, each with its name and kind. */
  schools: Dashboard['schools'];
  timeZone: string;
  /** Any day of the week wanted (default: today's week). */
  week?: string | undefined;
}

const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const formOf = (form: string | null): LessonForm => lessonFormSchema.safeParse(form).data ?? 'synchronous';

/**
 * 数据看板 of one week (Monday to Sunday in the school time zone): the
 * week's lessons of the schools in scope, counted by form and school, the
 * paired lessons that never went live, participation per school from the
 * lessons' event logs, and quality per day. Read in a few statements for the
 * whole week (dashboardLessonRows); the figures are computed here.
 */
export async function dashboardOf(db: Db, scope: DashboardScope, now: number = Date.now()): Promise<Dashboard> {
  const { timeZone } = scope;
  const today = localParts(now, timeZone).date;
  const anyDay = scope.week ?? today;
  const weekStart = addDays(anyDay, 1 - weekdayOf(anyDay));
  const days = Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));
  const rows = await dashboardLessonRows(db, scope.bureauId, wallClockMs(weekStart, '00:00', timeZone), wallClockMs(addDays(weekStart, 7), '00:00', timeZone));
  const inScope = new Set(scope.schools.map((s) => s.schoolId));
  const schoolIdsOf = (row: DashboardLessonRows) => [...new Set(row.classrooms.map((c) => c.schoolId))];
  const shown = rows.filter((row) => schoolIdsOf(row).some((id) => inScope.has(id)));

  const lessons: DashboardLesson[] = shown.map((row) => {
    const held = row.live.length > 0;
    const startedAt = row.startsAt ?? row.live[0]?.startedAt ?? now;
    return {
      lessonId: row.id,
      title: row.title,
      teacherName: row.teacherName,
      form: formOf(row.form),
      day: localParts(startedAt, timeZone).date,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      hostSchoolId: row.classrooms[0]!.schoolId,
      schoolIds: schoolIdsOf(row),
      held,
      missed: !held && row.classrooms.length > 1 && row.endsAt !== null && row.endsAt < now,
    };
  });
  const count = (list: DashboardLesson[]) => ({ scheduled: list.length, held: list.filter((l) => l.held).length });
  const todays = lessons.filter((l) => l.day === today);
  const byForm = lessonFormSchema.options.map((form) => ({ form, today: count(todays.filter((l) => l.form === form)), week: count(lessons.filter((l) => l.form === form)) }));
  const bySchool = scope.schools.map((school) => ({
    ...school,
    today: count(todays.filter((l) => l.schoolIds.includes(school.schoolId))),
    week: count(lessons.filter((l) => l.schoolIds.includes(school.schoolId))),
  }));

  const participation = new Map(scope.schools.map((s) => [s.schoolId, { ...s, classroomsExpected: 0, classroomsPresent: 0, handsRaised: 0, handsAnswered: 0, floorMs: 0, lessonIds: [] as string[] }]));
  const quality = new Map(days.map((day) => [day, { day, prechecks: { ready: 0, limited: 0, blocked: 0 }, latencyChecks: 0, videoP50s: [] as number[], freezes: [] as Dashboard['quality'][number]['freezes'], lessonIds: [] as string[] }]));
  shown.forEach((row, i) => {
    const lesson = lessons[i]!;
    if (lesson.held) {
      const figures = lessonParticipation({ lessonId: row.id, rows: row.events, live: row.live, classrooms: row.classrooms, now });
      for (const room of figures.classrooms) {
        const school = participation.get(room.schoolId);
        if (!school) continue;
        school.classroomsExpected++;
        if (room.presentMs > 0) school.classroomsPresent++;
        school.handsRaised += room.handsRaised;
        school.handsAnswered += room.handsAnswered;
        school.floorMs += room.floorMs;
        if (!school.lessonIds.includes(row.id)) school.lessonIds.push(row.id);
      }
    }
    const day = quality.get(lesson.day);
    if (!day) return;
    day.lessonIds.push(row.id);
    // A classroom's last check of the lesson is its verdict.
    const verdicts = new Map<string, 'ready' | 'limited' | 'blocked'>();
    let freezes = 0;
    for (const stored of row.events) {
      const event = eventOfRow(stored);
      if (event?.kind === 'precheck') verdicts.set(event.detail.classroomId, event.detail.verdict);
      else if (event?.kind === 'latency') {
        day.latencyChecks++;
        for (const m of event.detail.measurements) if (m.kind === 'video' && m.count > 0) day.videoP50s.push(m.p50);
      } else if (event?.kind === 'freezes') freezes += event.detail.count;
    }
    for (const verdict of verdicts.values()) day.prechecks[verdict]++;
    if (lesson.held) day.freezes.push({ lessonId: row.id, count: freezes });
  });

  return {
    timeZone,
    today,
    weekStart,
    days,
    schools: scope.schools,
    lessons,
    byForm,
    bySchool,
    participation: [...participation.values()],
    quality: [...quality.values()].map(({ videoP50s, ...day }) => ({ ...day, videoLatencyMedianMs: median(videoP50s) })),
  };
}
