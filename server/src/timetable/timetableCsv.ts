/*
 * A timetable as a spreadsheet: one row per entry, columns in `columns`.
 * `weekday` 1–7 for a weekly entry or `date` for a one-off; `teacher` is the
 * teacher's login, classrooms are ids (receiving ones separated by spaces).
 * CSV as RFC 4180 (quotes double, fields with a comma, quote or line break
 * quoted), UTF-8 with a BOM so that Excel opens Chinese text right.
 */

export const columns = ['weekday', 'date', 'start', 'end', 'title', 'subject', 'grade', 'form', 'teacher', 'host_classroom', 'classrooms'] as const;
export type TimetableRow = Record<(typeof columns)[number], string>;

const quoted = (field: string): string => (/[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field);

export function toCsv(rows: readonly TimetableRow[]): string {
  const lines = [columns.join(','), ...rows.map((row) => columns.map((c) => quoted(row[c])).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The cells of a CSV text, row by row (a quoted field may hold commas and line breaks). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  const source = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < source.length; i += 1) {
    const char = source[i]!;
    if (inQuotes) {
      if (char === '"' && source[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') inQuotes = false;
      else field += char;
    } else if (char === '"') inQuotes = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((cell) => cell.trim() !== ''));
}

/** The rows under a header line of `columns` (in any order); a missing column is an error of the file, not of a row. */
export function rowsOf(cells: string[][]): TimetableRow[] {
  const [header, ...body] = cells;
  if (!header) throw new TypeError('the file is empty');
  const at = new Map(header.map((name, i) => [name.trim().toLowerCase(), i]));
  const missing = columns.filter((c) => !at.has(c));
  if (missing.length > 0) throw new TypeError(`the header lacks the columns: ${missing.join(', ')}`);
  return body.map((cells) => Object.fromEntries(columns.map((c) => [c, (cells[at.get(c)!] ?? '').trim()])) as TimetableRow);
}
