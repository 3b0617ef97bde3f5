import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import type { RecordingRow } from '../server/src/db/recordings.js';
import { readLines, type SegmentEntry, type StageLogEntry } from '../server/src/features/recording/recordingFiles.js';
import type { ServerProcess } from './serverProcess.js';

const run = promisify(execFile);

/*
 * What a server recorded, read the way the directed-view job and an admin
 * would: the recording rows in its SQL store, the manifest and stage log on
 * disk, ffprobe on the files, and the ffmpeg processes the server runs.
 */

/** The recording rows of a lesson, newest first, read from the server's own SQLite file (read-only). */
export function recordingRows(dataDir: string, lessonId: string): RecordingRow[] {
  const db = new SQLite(join(dataDir, 'tongtang.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('select * from recording where lesson_id = ? order by started_at desc').all(lessonId) as RecordingRow[];
  } finally {
    db.close();
  }
}

/** Rows of the audit trail with this action (the school admin's log). */
export function auditRows(dataDir: string, action: string): Array<{ target: string; detail: string; school_id: string }> {
  const db = new SQLite(join(dataDir, 'tongtang.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('select target, detail, school_id from audit_event where action = ?').all(action) as never;
  } finally {
    db.close();
  }
}

/** A recording's folder, manifest and stage log. */
export function recordingFolder(recordingsDir: string, row: RecordingRow): { dir: string; segments: SegmentEntry[]; stageLog: StageLogEntry[] } {
  const dir = join(recordingsDir, row.dir);
  return { dir, segments: readLines<SegmentEntry>(join(dir, 'segments.jsonl')), stageLog: readLines<StageLogEntry>(join(dir, 'stage.jsonl')) };
}

/** What ffprobe decodes of a file: its first stream's codec, frames decoded, and (video) its widest frame. */
export async function probeFile(file: string): Promise<{ codec: string; frames: number; width: number }> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-count_frames', '-show_entries', 'stream=codec_name,nb_read_frames,width', '-of', 'json', file]);
  const stream = (JSON.parse(stdout) as { streams: Array<{ codec_name: string; nb_read_frames: string; width?: number }> }).streams[0];
  return { codec: stream?.codec_name ?? '', frames: Number(stream?.nb_read_frames ?? 0), width: stream?.width ?? 0 };
}

/** The ffmpeg recorders a server process runs now, with the source folder each writes into (its working folder). */
export function recorderProcesses(serverPid: number): Array<{ pid: number; dir: string }> {
  let children: number[];
  try {
    children = readFileSync(`/proc/${serverPid}/task/${serverPid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
  return children.flatMap((pid) => {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0]?.endsWith('ffmpeg')) return [];
      return [{ pid, dir: readlinkSync(`/proc/${pid}/cwd`) }];
    } catch {
      return [];
    }
  });
}

/** The longest stretch of [from, to] that no segment covers, and how much the segments cover in all (ms). */
export function coverage(segments: SegmentEntry[], from: number, to: number): { longestGap: number; covered: number } {
  const spans = segments.map((s) => [Math.max(from, s.startedAt), Math.min(to, s.endedAt)] as const).filter(([a, b]) => b > a).sort((a, b) => a[0] - b[0]);
  let reach = from;
  let longestGap = 0;
  let covered = 0;
  for (const [start, end] of spans) {
    longestGap = Math.max(longestGap, start - reach);
    if (end > reach) covered += end - Math.max(start, reach);
    reach = Math.max(reach, end);
  }
  return { longestGap: Math.max(longestGap, to - reach), covered };
}

/** Every file name under a folder, recursively (to tell that nothing was written). */
export function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

/** CPU time a process has used so far, in seconds (user + system, from /proc; 100 ticks a second on Linux). */
export function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** Waits for the directed view of a finished recording; the progress it showed on the way, and the CPU seconds the server's finished child processes (the job's ffmpeg) used meanwhile. */
export async function untilDirectedReady(server: ServerProcess, lessonId: string, timeoutMs: number): Promise<{ row: RecordingRow; progress: Array<[number, number | null]>; cpu: number }> {
  const progress: Array<[number, number | null]> = [];
  const before = childrenCpuSeconds(server.serverPid());
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = recordingRows(server.dataDir, lessonId);
    if (row?.directed_status === 'ready') return { row, progress, cpu: childrenCpuSeconds(server.serverPid()) - before };
    if (row?.directed_status === 'failed') throw new Error(`the directed view failed: ${row.directed_error}`);
    if (row?.directed_status === 'rendering') progress.push([row.directed_percent, row.directed_eta_s]);
    if (Date.now() > deadline) throw new Error(`no directed view after ${timeoutMs} ms: ${JSON.stringify(row)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** CPU seconds of a process's children that have ended (cutime + cstime in /proc). */
export function childrenCpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return 0;
  }
}

/** The black stretches (s) of a region of a video from `from` s on, as ffmpeg's blackdetect finds them (at least 0.3 s each). */
export async function blackStretches(file: string, from: number, region: { x: number; y: number; width: number; height: number }): Promise<Array<{ start: number; end: number }>> {
  const { stderr } = await run('ffmpeg', ['-v', 'info', '-nostats', '-ss', String(from), '-i', file, '-an', '-vf', `crop=${region.width}:${region.height}:${region.x}:${region.y},blackdetect=d=0.3:pix_th=0.1`, '-f', 'null', '-']);
  return [...stderr.matchAll(/black_start:([\d.]+) black_end:([\d.]+)/g)].map((m) => ({ start: from + Number(m[1]), end: from + Number(m[2]) }));
}

/** Waits for the directed-view job to finish a recording's MP4 (its row says ready) and returns the file; a failed job fails the wait. */
export async function waitForDirectedView(dataDir: string, recordingId: string, timeoutMs = 180_000): Promise<string> {
  for (const deadline = Date.now() + timeoutMs; ; await new Promise((r) => setTimeout(r, 500))) {
    const db = new SQLite(join(dataDir, 'tongtang.sqlite'), { readonly: true, fileMustExist: true });
    let row: { dir: string; directed_status: string; directed_error: string | null } | undefined;
    try {
      row = db.prepare('select dir, directed_status, directed_error from recording where id = ?').get(recordingId) as typeof row;
    } finally {
      db.close();
    }
    if (row?.directed_status === 'ready') return join(dataDir, 'recordings', row.dir, 'directed.mp4');
    if (row?.directed_status === 'failed') throw new Error(`the directed view of ${recordingId} failed: ${row.directed_error ?? ''}`);
    if (Date.now() > deadline) throw new Error(`the directed view of ${recordingId} was not ready within ${timeoutMs} ms (${row?.directed_status ?? 'no row'})`);
  }
}
