import ExcelJS from 'exceljs';
import { columns, type TimetableRow } from './timetableCsv.js';

/*
 * The timetable as an Excel workbook (.xlsx, through exceljs): the same
 * columns as the CSV, one sheet, every cell written as text so that Excel
 * keeps "08:00" and "2026-09-07" as they are. A workbook someone typed may
 * hold real dates and times instead: those are read back in the CSV's form.
 */

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const two = (n: number): string => String(n).padStart(2, '0');

/** A cell as the CSV would hold it: Excel's times (on its 1899-12-30 epoch day) as HH:MM, its dates as YYYY-MM-DD. */
function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value instanceof Date) {
    if (value.getUTCFullYear() < 1901) return `${two(value.getUTCHours())}:${two(value.getUTCMinutes())}`;
    return value.toISOString().slice(0, 10);
  }
  return cell.text.trim();
}

export async function toXlsx(rows: readonly TimetableRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('课表');
  sheet.columns = columns.map((key) => ({ header: key, key, width: key === 'title' ? 28 : 14, style: { numFmt: '@' } }));
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The cells of the first sheet of a workbook (sent base64-encoded), row by row, empty rows left out. */
export async function parseXlsx(base64: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  const bytes = Buffer.from(base64, 'base64');
  try {
    // An ArrayBuffer of exactly the file: exceljs's types ask for one, and a pooled Buffer's is larger.
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch {
    throw new TypeError('the file is not an Excel workbook (.xlsx)');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new TypeError('the workbook has no sheet');
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells = Array.from({ length: row.cellCount }, (_, i) => cellText(row.getCell(i + 1)));
    if (cells.some((c) => c !== '')) rows.push(cells);
  });
  return rows;
}
