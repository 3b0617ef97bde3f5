import { cameraPreference, type SourceRef, type Stage, type StageLayout, type VideoSource } from '@shared';
import type { SegmentEntry, StageLogEntry } from '../recordingFiles.js';

/*
 * 导播画面, the plan: the recording's timeline cut into chunks, each with one
 * layout and the pictures in it, on a 1280×720 canvas drawn as the stage CSS
 * draws a classroom screen (client/src/styles/stage.css), seen by an
 * observer (no classroom left out of its own grid).
 *
 * Why chunks: a chunk starts at every logged stage change and lasts at most
 * `maxChunkMs`, so each is rendered by one ffmpeg with a small fixed filter
 * graph; a finished chunk is a file that survives a server restart, and the
 * job goes on from the first chunk not yet written. A camera or courseware
 * published or closed cuts too (what is drawn changes). Boundaries fall on the
 * output's frame grid (25 fps), so the chunks add up to the recording's
 * length exactly.
 *
 * Pictures are chosen as the pages choose them (stageScreen.ts): the stage's
 * main and inset as named, a picture whose source is not recorded then
 * falls back to its participant's best camera and then to the teacher's,
 * as a page shows the teacher where the stage's picture is missing.
 */

export const CANVAS = { width: 1280, height: 720 } as const;
export const FPS = 25;
const FRAME_MS = 1000 / FPS;
/** A chunk at most this long: a stopped job loses at most this much work. */
export const MAX_CHUNK_MS = 60_000;
/** The picture-in-picture inset: top right, 24vw wide at 16:9 under a 72 px top bar, with a 3 px light border. */
export const PIP_INSET = { x: 956, y: 72, width: 308, height: 174 } as const;
export const PIP_BORDER = 3;
/** Gap between halves and grid cells (stage.css). */
const GAP = 4;
/** Grid columns: `repeat(auto-fit, minmax(30%, 1fr))` fits three. */
const GRID_COLUMNS = 3;

export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One picture of a chunk: which source, and where. */
export interface PlacedPicture extends SourceRef {
  region: Region;
  role: 'main' | 'inset' | 'cell';
}

export interface Chunk {
  index: number;
  /** Wall-clock ms. */
  from: number;
  to: number;
  layout: StageLayout;
  /** In drawing order: the main picture first, the inset over it. */
  pictures: PlacedPicture[];
}

export interface DirectedPlan {
  from: number;
  to: number;
  chunks: Chunk[];
}

const key = (participantId: string, source: string): string => `${participantId}/${source}`;

/** The recording's span: from its first start to its stop (or its last media, had it no stop). */
export function recordingSpan(segments: readonly SegmentEntry[], log: readonly StageLogEntry[]): { from: number; to: number } | null {
  const started = log.find((e) => e.type === 'recordingStarted')?.at ?? Math.min(...segments.map((s) => s.startedAt));
  const stopped = log.findLast((e) => e.type === 'recordingStopped')?.at ?? Math.max(...segments.map((s) => s.endedAt));
  if (!Number.isFinite(started) || !Number.isFinite(stopped) || stopped <= started) return null;
  return { from: started, to: stopped };
}

/** Cuts a finished recording into chunks; null when it holds nothing to show. */
export function planDirectedView(segments: readonly SegmentEntry[], log: readonly StageLogEntry[], maxChunkMs = MAX_CHUNK_MS): DirectedPlan | null {
  const span = recordingSpan(segments, log);
  if (!span) return null;
  const stages = log.flatMap((e) => (e.type === 'stage' ? [{ at: e.at, stage: e.stage }] : [])).sort((a, b) => a.at - b.at);
  const stageAt = (t: number): Stage | null => stages.findLast((s) => s.at <= t)?.stage ?? stages[0]?.stage ?? null;
  const frames = Math.round((span.to - span.from) / FRAME_MS);
  const frameAt = (at: number): number => Math.max(0, Math.min(frames, Math.round((at - span.from) / FRAME_MS)));

  // Cut at every change of what the screen shows, then at most every maxChunkMs.
  const cuts = new Set<number>([0, frames]);
  let shown = '';
  for (const { at, stage } of stages) {
    const look = JSON.stringify([stage.layout, stage.main, stage.inset]);
    if (look !== shown) cuts.add(frameAt(at));
    shown = look;
  }
  // A camera or courseware that appears or goes changes what a page draws in the same layout.
  for (const e of log) if ((e.type === 'trackPublished' || e.type === 'trackClosed') && e.track.kind === 'video') cuts.add(frameAt(e.at));
  const sorted = [...cuts].sort((a, b) => a - b);
  const maxFrames = Math.max(1, Math.floor(maxChunkMs / FRAME_MS));
  const bounds: number[] = [];
  for (let i = 0; i < sorted.length - 1; i++) {
    for (let f = sorted[i]!; f < sorted[i + 1]!; f += maxFrames) bounds.push(f);
  }
  bounds.push(frames);

  const videos = segments.filter((s) => s.kind === 'video');
  const chunks: Chunk[] = [];
  for (let i = 0; i < bounds.length - 1; i++) {
    const from = span.from + Math.round(bounds[i]! * FRAME_MS);
    const to = span.from + Math.round(bounds[i + 1]! * FRAME_MS);
    const recorded = new Set(videos.filter((s) => s.endedAt > from && s.startedAt < to).map((s) => key(s.participantId, s.source)));
    // A change rounded down onto this frame belongs to this chunk already.
    const stage = stageAt(from + FRAME_MS / 2);
    const layout = stage?.layout ?? 'single';
    chunks.push({ index: chunks.length, from, to, layout, pictures: picturesOf(layout, stage, recorded, videos.filter((s) => s.startedAt < to)) });
  }
  return { ...span, chunks };
}

/** The pictures of one layout, from the sources recorded in the chunk. */
function picturesOf(layout: StageLayout, stage: Stage | null, recorded: ReadonlySet<string>, seen: readonly SegmentEntry[]): PlacedPicture[] {
  const best = (participantId: string): SourceRef | null => {
    const source = cameraPreference(participantId).find((s) => recorded.has(key(participantId, s)));
    return source ? { participantId, source } : null;
  };
  const resolve = (ref: SourceRef | null): SourceRef | null =>
    (ref && recorded.has(key(ref.participantId, ref.source)) ? ref : null) ?? (ref ? best(ref.participantId) : null) ?? best('teacher');
  const place = (ref: SourceRef | null, region: Region, role: PlacedPicture['role']): PlacedPicture[] => (ref ? [{ participantId: ref.participantId, source: ref.source, region, role }] : []);
  const full: Region = { x: 0, y: 0, ...CANVAS };
  const halfWidth = (CANVAS.width - GAP) / 2;
  switch (layout) {
    case 'single':
      return place(resolve(stage?.main ?? null), full, 'main');
    case 'pip':
      return [...place(resolve(stage?.main ?? null), full, 'main'), ...place(resolve(stage?.inset ?? null), PIP_INSET, 'inset')];
    case 'sideBySide':
      return [
        ...place(resolve(stage?.main ?? null), { x: 0, y: 0, width: halfWidth, height: CANVAS.height }, 'main'),
        ...place(resolve(stage?.inset ?? null), { x: halfWidth + GAP, y: 0, width: halfWidth, height: CANVAS.height }, 'inset'),
      ];
    case 'grid': {
      // The teacher first, then everyone whose camera was recorded, in the order they first appeared.
      const ids = [...new Set(['teacher', ...seen.map((s) => s.participantId)])].filter((id) => best(id));
      const cells = ids.map((id) => best(id)!);
      const columns = Math.min(GRID_COLUMNS, Math.max(1, cells.length));
      const rows = Math.max(1, Math.ceil(cells.length / columns));
      const width = even((CANVAS.width - GAP * (columns - 1)) / columns);
      const height = even((CANVAS.height - GAP * (rows - 1)) / rows);
      return cells.map((ref, i) => ({ ...ref, role: 'cell', region: { x: (i % columns) * (width + GAP), y: Math.floor(i / columns) * (height + GAP), width, height } }));
    }
  }
}

const even = (n: number): number => 2 * Math.floor(n / 2);

/** Courseware in the main place: scaled to fit with the sharpest filter, never cropped (the text at a slide's edge matters). */
export const isLegibleSource = (source: VideoSource): boolean => source === 'courseware' || source === 'document';
