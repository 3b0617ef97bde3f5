import type { LessonReport } from '@shared';

/*
 * The report as CSV, one table per file so a spreadsheet opens each with its
 * columns in the first row: 评分 (one row per scorer, then 平均 and 标准差),
 * 参与 (one row per classroom), 评课意见 (one row per comment). UTF-8 with a
 * byte-order mark: Excel on Chinese Windows reads UTF-8 without it as GBK.
 */
export type ReportPart = 'scores' | 'participation' | 'comments';

const BOM = '\uFEFF';

/** Quotes a cell when it must; a cell starting with = + - @ is prefixed so a spreadsheet never runs it as a formula. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = typeof value === 'number' ? String(Math.round(value * 100) / 100) : value;
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const csv = (rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string => BOM + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';

const seconds = (ms: number): number => Math.round(ms / 100) / 10;

function scoresCsv(report: LessonReport): string {
  const scores = report.scores;
  if (!scores) return csv([['评委'], []]);
  const heading = ['评委', ...scores.criteria.map((c) => `${c.name} ${c.weight}% (${c.min}-${c.max})`), '加权总分 (0-100)'];
  // A criterion a scorer left out is an empty cell, never 0.
  const rows = scores.sheets.map((sheet, i) => [`评委 ${i + 1}`, ...scores.criteria.map((c) => sheet.scores[c.id] ?? null), sheet.total]);
  return csv([
    heading,
    ...rows,
    ['平均', ...scores.criteria.map((c) => c.mean), scores.total],
    ['标准差', ...scores.criteria.map((c) => c.spread?.stdev ?? null), scores.spread?.stdev ?? null],
    ['评分人数', ...scores.criteria.map((c) => c.count), scores.scorers],
  ]);
}

function participationCsv(report: LessonReport): string {
  const heading = ['学校', '学校类型', '教室', '在线 (秒)', '发言权 (秒)', '发言次数', '举手', '举手被点名', '平均等待 (秒)', '发言被听到 (秒)', '主画面 (秒)'];
  return csv([
    heading,
    ...report.participation.classrooms.map((c) => [
      c.schoolName,
      c.schoolKind === 'support' ? '主讲' : '接收',
      c.classroomName,
      seconds(c.presentMs),
      seconds(c.floorMs),
      c.turns,
      c.handsRaised,
      c.handsAnswered,
      c.handWaitsMs.length ? seconds(c.handWaitsMs.reduce((a, b) => a + b, 0) / c.handWaitsMs.length) : null,
      seconds(c.talkMs),
      seconds(c.mainViewMs),
    ]),
  ]);
}

const lessonClock = (ms: number | null): string => {
  if (ms === null) return '';
  const s = Math.floor(ms / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};

function commentsCsv(report: LessonReport): string {
  return csv([['课堂时间', '评课人', '来源', '意见'], ...report.comments.map((c) => [lessonClock(c.lessonMs), c.authorName, c.during === 'live' ? '直播' : '回放', c.text])]);
}

export function reportCsv(report: LessonReport, part: ReportPart): string {
  return { scores: scoresCsv, participation: participationCsv, comments: commentsCsv }[part](report);
}
