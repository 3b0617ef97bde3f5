import { describe, expect, it } from 'vitest';
import { parseCsv, rowsOf, toCsv, type TimetableRow } from './timetableCsv.js';

describe('timetable CSV', () => {
  it('round-trips rows with commas, quotes and Chinese text', () => {
    const row: TimetableRow = { weekday: '1', date: '', start: '08:00', end: '08:45', title: '语文, "古诗"', subject: '语文', grade: '三年级', form: 'synchronous', teacher: 'wang', host_classroom: 'c1', classrooms: 'c2 c3' };
    expect(rowsOf(parseCsv(toCsv([row])))).toEqual([row]);
  });

  it('says which columns a header lacks', () => {
    expect(() => rowsOf(parseCsv('weekday,start\n1,08:00\n'))).toThrow(/lacks the columns: date, end/);
  });
});
