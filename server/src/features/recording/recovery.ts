import { readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { mediaPackets } from './ffmpegSegmenter.js';
import { readLines, type RecordingFiles, type SegmentEntry } from './recordingFiles.js';

/** What a source's folder says of its source (`source.json`, written when its first recorder starts). */
export type SourceFacts = Pick<SegmentEntry, 'participantId' | 'classroomId' | 'source' | 'kind' | 'producerId'>;

/**
 * Segments on disk that the manifest does not list: those a server that died
 * (or stopped before its recorders said) was writing. Listed as partial, each
 * from the end of the source's previous segment (or its file's creation) to
 * its last write, so the time they hold is not lost to the directed view
 * (a file with no media in it, opened just before the end, is left out).
 */
export async function listUnlistedSegments(files: RecordingFiles): Promise<SegmentEntry[]> {
  const listed = files.segments();
  const known = new Set(listed.map((s) => s.file));
  const found: SegmentEntry[] = [];
  for (const participant of safeDir(files.dir)) {
    for (const source of safeDir(join(files.dir, participant))) {
      const relativeDir = `${participant}/${source}`;
      const facts = readLines<SourceFacts>(join(files.dir, relativeDir, 'source.json'))[0];
      if (!facts) continue;
      let lastEnd = Math.max(0, ...listed.filter((s) => s.file.startsWith(`${relativeDir}/`)).map((s) => s.endedAt));
      for (const file of safeDir(join(files.dir, relativeDir)).filter((name) => name.endsWith('.webm')).sort()) {
        const relative = `${relativeDir}/${file}`;
        if (known.has(relative)) continue;
        const stat = statSync(join(files.dir, relative), { throwIfNoEntry: false });
        if (!stat || stat.size === 0 || (await mediaPackets(join(files.dir, relative))) === 0) continue;
        const endedAt = Math.round(stat.mtimeMs);
        const startedAt = Math.min(endedAt, Math.max(lastEnd, Math.round(stat.birthtimeMs || stat.ctimeMs)));
        lastEnd = endedAt;
        found.push({ ...facts, file: relative, run: file.split('-')[0] ?? '', startedAt, endedAt, mediaStart: null, mediaEnd: null, partial: true, bytes: stat.size });
      }
    }
  }
  return found;
}

function safeDir(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).map((entry) => entry.name);
  } catch {
    return [];
  }
}

/**
 * Ends ffmpeg processes that write into `recordingsDir` but belong to no live
 * server: those a killed server left behind (their input gone quiet, they
 * would wait for ever). Found by their working folder, which only recorders
 * and directed-view jobs have inside the recordings directory. Returns how
 * many were ended.
 */
export function endOrphanRecorders(recordingsDir: string): number {
  let ended = 0;
  for (const pid of safeDir('/proc').filter((name) => /^\d+$/.test(name)).map(Number)) {
    if (pid === process.pid) continue;
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      // Recorders (`-f segment`) and directed-view renders (their output is in the recording's folder, named `directed…`).
      if (!command[0]?.endsWith('ffmpeg') || !(command.includes('segment') || command.some((arg) => arg.includes('directed')))) continue;
      if (!readlinkSync(`/proc/${pid}/cwd`).startsWith(`${recordingsDir}/`)) continue;
      process.kill(pid, 'SIGKILL');
      ended++;
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return ended;
}
