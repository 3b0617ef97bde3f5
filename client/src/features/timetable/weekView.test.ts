import { describe, expect, it } from 'vitest';
import type { Timetable, TimetableEntry } from '@shared';
import { mondayOf, startTimes, weekOf } from './weekView';

const entry = (over: Partial<TimetableEntry>): TimetableEntry => ({
  id: 'e1', termId: 't', weekday: 1, onDate: null, title: '语文', subject: null, grade: null, form: 'synchronous', startsAt: '08:00', endsAt: '08:45',
  teacherAccountId: 'a', teacherName: '李老师', hostClassroomId: 'h', classroomIds: ['r'], ...over,
});

const timetable: Timetable = {
  term: { id: 't', schoolId: 's', name: '秋季学期', startsOn: '2026-09-01', endsOn: '2027-01-20' },
  holidays: [{ id: 'h', termId: 't', name: '国庆', startsOn: '2026-10-01', endsOn: '2026-10-07' }],
  entries: [entry({}), entry({ id: 'e2', weekday: null, onDate: '2026-10-08', title: '补课', startsAt: '10:00', endsAt: '10:45' })],
  changes: [{ id: 'c', entryId: 'e1', kind: 'move', occursOn: '2026-10-12', toDate: '2026-10-09', startsAt: '14:00', endsAt: '14:45' }],
  timeZone: 'Asia/Shanghai',
};

describe('the 课表 week grid', () => {
  it('starts the week on Monday', () => {
    expect(mondayOf('2026-10-08')).toBe('2026-10-05');
    expect(mondayOf('2026-10-05')).toBe('2026-10-05');
    expect(mondayOf('2026-10-11')).toBe('2026-10-05');
  });

  it('leaves a holiday empty, shows a one-off on its day and a moved lesson on its new day and time', () => {
    const week = weekOf(timetable, '2026-10-05');
    expect(week[0]).toMatchObject({ date: '2026-10-05', holiday: '国庆', occurrences: [] });
    expect(week[3]!.occurrences.map((o) => o.entry.title)).toEqual(['补课']);
    expect(week[4]!.occurrences).toMatchObject([{ entry: { id: 'e1' }, occursOn: '2026-10-12', startsAt: '14:00' }]);
    expect(startTimes(week)).toEqual(['10:00', '14:00']);
    // The moved Monday is not on its own day any more.
    expect(weekOf(timetable, '2026-10-12')[0]!.occurrences).toEqual([]);
  });
});
