import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FloorState, MainView, MediaKind, MediaSource, PublishedTrack, Stage } from '@shared';

/*
 * The files of one recording, under RECORDING_DIR/<lessonId>/<recordingId>/:
 *
 *   segments.jsonl            one line per finished segment file (SegmentEntry), in the order they finished
 *   stage.jsonl               one line per stage, floor, main-view and track change (StageLogEntry)
 *   <participant>/<source>/   the segments of one source: <run>-<n>.webm, VP8 or Opus, stream-copied
 *
 * A run is one ffmpeg process; a restarted recorder (ffmpeg killed, server
 * restarted) starts a new run in the same folder, so names never clash and
 * both lists simply go on. Every time is wall-clock ms of the server: the
 * directed-view job puts segments of every source and the stage changes on
 * one timeline with them.
 */

/** One segment file of one source, as `segments.jsonl` lists it. */
export interface SegmentEntry {
  /** Relative to the recording's folder. */
  file: string;
  participantId: string;
  /** The classroom of a classroom's track; null for the teacher's. */
  classroomId: string | null;
  source: MediaSource;
  kind: MediaKind;
  producerId: string;
  /** The ffmpeg run that wrote it. */
  run: string;
  /** Wall-clock ms of its first and last media. */
  startedAt: number;
  endedAt: number;
  /** Its place in the run's stream, in seconds (null for a partial segment: its writer died before it said). */
  mediaStart: number | null;
  mediaEnd: number | null;
  /** The writer died while writing it: what is in it plays, its end may be cut. */
  partial: boolean;
  bytes: number;
}

/** One line of the stage log. `at` is wall-clock ms. */
export type StageLogEntry =
  | { at: number; type: 'recordingStarted'; recordingId: string; resumed: boolean }
  | { at: number; type: 'recordingStopped'; reason: string }
  | { at: number; type: 'stage'; stage: Stage }
  | { at: number; type: 'floor'; floor: FloorState }
  | { at: number; type: 'mainView'; mainView: MainView }
  | { at: number; type: 'trackPublished'; track: PublishedTrack }
  | { at: number; type: 'trackClosed'; track: PublishedTrack };

/** What the `files` column of a recording row holds. */
export interface RecordingFilesSummary {
  manifest: 'segments.jsonl';
  stageLog: 'stage.jsonl';
  /** One entry per source recorded: its folder and how many segments it has. */
  sources: Array<{ participantId: string; source: MediaSource; kind: MediaKind; dir: string; segments: number }>;
}

/** The folder name of a participant's sources (`classroom:shanping-4` → `classroom_shanping-4`). */
export const participantFolder = (participantId: string): string => participantId.replace(/[^A-Za-z0-9_-]/g, '_');

/** The files of one recording: its folder, and the two lists appended to as the lesson goes. */
export class RecordingFiles {
  constructor(
    /** Absolute folder of the recording. */
    readonly dir: string,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  get manifestPath(): string {
    return join(this.dir, 'segments.jsonl');
  }

  get stageLogPath(): string {
    return join(this.dir, 'stage.jsonl');
  }

  /** A source's folder, relative and absolute. */
  sourceDir(participantId: string, source: MediaSource): { relative: string; absolute: string } {
    const relative = `${participantFolder(participantId)}/${source}`;
    return { relative, absolute: join(this.dir, relative) };
  }

  /** Appends one line; false when the disk would not take it (the disk guard stops the recording next). */
  appendSegment(entry: SegmentEntry): boolean {
    return append(this.manifestPath, entry);
  }

  appendStage(entry: StageLogEntry): boolean {
    return append(this.stageLogPath, entry);
  }

  /** Every segment listed so far (a resumed recording continues from these). */
  segments(): SegmentEntry[] {
    return readLines<SegmentEntry>(this.manifestPath);
  }

  stageLog(): StageLogEntry[] {
    return readLines<StageLogEntry>(this.stageLogPath);
  }
}

function append(path: string, entry: object): boolean {
  try {
    appendFileSync(path, `${JSON.stringify(entry)}\n`);
    return true;
  } catch {
    return false;
  }
}

/** The lines of a JSON-lines file; a line cut short by a crash (the last one) is skipped. */
export function readLines<T>(path: string): T[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').flatMap((line) => {
    if (!line.trim()) return [];
    try {
      return [JSON.parse(line) as T];
    } catch {
      return [];
    }
  });
}

/** Totals of a manifest for the recording row: covered wall-clock time (union over sources), bytes, segment count. */
export function manifestTotals(segments: SegmentEntry[]): { durationMs: number; sizeBytes: number; segmentCount: number; summary: RecordingFilesSummary } {
  const spans = segments.map((s) => [s.startedAt, s.endedAt] as const).sort((a, b) => a[0] - b[0]);
  let durationMs = 0;
  let reach = -Infinity;
  for (const [start, end] of spans) {
    if (end <= reach) continue;
    durationMs += end - Math.max(start, reach);
    reach = end;
  }
  const bySource = new Map<string, RecordingFilesSummary['sources'][number]>();
  for (const s of segments) {
    const dir = s.file.slice(0, s.file.lastIndexOf('/'));
    const entry = bySource.get(dir) ?? { participantId: s.participantId, source: s.source, kind: s.kind, dir, segments: 0 };
    entry.segments++;
    bySource.set(dir, entry);
  }
  return {
    durationMs,
    sizeBytes: segments.reduce((sum, s) => sum + s.bytes, 0),
    segmentCount: segments.length,
    summary: { manifest: 'segments.jsonl', stageLog: 'stage.jsonl', sources: [...bySource.values()] },
  };
}
