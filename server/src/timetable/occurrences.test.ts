import { describe, expect, it } from 'vitest';
import type { TimetableEntry } from '@shared';
import { occurrences } from './occurrences.js';

const term = { id: 't', schoolId: 's', name: '2026 秋', startsOn: '2026-09-01', endsOn: '2026-09-30' };
const monday: TimetableEntry = {
  id: 'e1', termId: 't', weekday: 1, onDate: null, title: '语文', subject: null, grade: null, form: 'synchronous',
  startsAt: '08:00', endsAt: '08:45', teacherAccountId: 'a', teacherName: '王老师', hostClassroomId: 'c1', classroomIds: ['c2'],
};
const days = (list: ReturnType<typeof occurrences>) => list.map((o) => `${o.occursOn}>${o.date}`);

describe('occurrences', () => {
  it('puts a weekly entry on every Monday of the term but the holiday', () => {
    const found = occurrences({ term, holidays: [{ id: 'h', termId: 't', name: '中秋', startsOn: '2026-09-14', endsOn: '2026-09-15' }], entries: [monday], changes: [] }, '2026-08-01', '2026-10-31', 'Asia/Shanghai');
    expect(days(found)).toEqual(['2026-09-07>2026-09-07', '2026-09-21>2026-09-21', '2026-09-28>2026-09-28']);
    expect(new Date(found[0]!.startsAt).toISOString()).toBe('2026-09-07T00:00:00.000Z');
    expect(found[0]!.endsAt - found[0]!.startsAt).toBe(45 * 60_000);
  });

  it('stops at the end of the term and at the window', () => {
    expect(days(occurrences({ term, holidays: [], entries: [monday], changes: [] }, '2026-09-20', '2026-12-31', 'Asia/Shanghai'))).toEqual(['2026-09-21>2026-09-21', '2026-09-28>2026-09-28']);
  });

  it('cancels one occurrence, moves another, and keeps a one-off lesson', () => {
    const once: TimetableEntry = { ...monday, id: 'e2', weekday: null, onDate: '2026-09-12' };
    const found = occurrences(
      {
        term,
        holidays: [{ id: 'h', termId: 't', name: '调休', startsOn: '2026-09-12', endsOn: '2026-09-12' }],
        entries: [monday, once],
        changes: [
          { id: 'c1', entryId: 'e1', kind: 'cancel', occursOn: '2026-09-07', toDate: null, startsAt: null, endsAt: null },
          { id: 'c2', entryId: 'e1', kind: 'move', occursOn: '2026-09-14', toDate: '2026-09-16', startsAt: '10:00', endsAt: '10:45' },
          { id: 'c3', entryId: 'e1', kind: 'move', occursOn: '2026-09-28', toDate: '2026-10-08', startsAt: '10:00', endsAt: '10:45' },
        ],
      },
      '2026-09-01',
      '2026-09-30',
      'Asia/Shanghai',
    );
    expect(days(found)).toEqual(['2026-09-12>2026-09-12', '2026-09-14>2026-09-16', '2026-09-21>2026-09-21']);
    expect(new Date(found[1]!.startsAt).toISOString()).toBe('2026-09-16T02:00:00.000Z');
  });
});
