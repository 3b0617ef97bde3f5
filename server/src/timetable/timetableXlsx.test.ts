import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { columns, rowsOf, type TimetableRow } from './timetableCsv.js';
import { parseXlsx, toXlsx } from './timetableXlsx.js';

describe('timetable Excel workbook', () => {
  it('round-trips rows as text, Chinese and commas included', async () => {
    const row: TimetableRow = { weekday: '1', date: '', start: '08:00', end: '08:45', title: '语文, "古诗"', subject: '语文', grade: '三年级', form: 'synchronous', teacher: 'wang', host_classroom: 'c1', classrooms: 'c2 c3' };
    const file = await toXlsx([row]);
    expect(rowsOf(await parseXlsx(file.toString('base64')))).toEqual([row]);
  });

  it('reads the dates and times someone typed in Excel as the CSV writes them', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.addRow([...columns]);
    sheet.addRow(['', new Date(Date.UTC(2026, 8, 7)), new Date(Date.UTC(1899, 11, 30, 8, 0)), new Date(Date.UTC(1899, 11, 30, 8, 45)), '数学', '', '', 'research', 'li', 'c1', '']);
    const base64 = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    const [row] = rowsOf(await parseXlsx(base64));
    expect(row).toMatchObject({ date: '2026-09-07', start: '08:00', end: '08:45', title: '数学' });
  });

  it('refuses a file that is no workbook', async () => {
    await expect(parseXlsx(Buffer.from('weekday,date\n').toString('base64'))).rejects.toThrow(/not an Excel workbook/);
  });
});
