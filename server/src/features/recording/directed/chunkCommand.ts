import type { SegmentEntry } from '../recordingFiles.js';
import { CANVAS, FPS, isLegibleSource, PIP_BORDER, type Chunk } from './directedPlan.js';

/*
 * One chunk of the directed view as one ffmpeg command: a black canvas of the
 * chunk's length, every segment of every picture overlaid in its region at
 * its wall-clock place (a picture held on its last frame until the next
 * segment of its ffmpeg run, as a page holds a stalled video; time no run of
 * a source covers stays black), and every
 * microphone's segments mixed at their places over silence. A floor-gated
 * microphone sent no packets, so its segments hold silence (ffmpeg fills the
 * timestamp gaps) and mixing every microphone gives what could be heard.
 * Every chunk is encoded alike, so the chunks join by stream copy.
 */

/** Encoder settings, the same for every chunk: H.264 High 3.1 (any phone), AAC stereo. */
const ENCODE = [
  '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-profile:v', 'high', '-level:v', '3.1', '-pix_fmt', 'yuv420p',
  '-g', String(FPS * 2), '-keyint_min', String(FPS), '-sc_threshold', '0', '-r', String(FPS),
  '-c:a', 'aac', '-b:a', '96k', '-ar', '48000', '-ac', '2',
];

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/** A video segment and until when (wall-clock ms) its picture stays: the next segment of the same ffmpeg run, else its own end. */
export type HeldSegment = SegmentEntry & { holdUntil: number };

/** What one chunk's command reads: each picture's segments, and every microphone's. */
export interface ChunkInputs {
  video: HeldSegment[][];
  audio: SegmentEntry[];
}

/**
 * The segments of a chunk's pictures and microphones (those that overlap it), partial ones left out when asked.
 * Within one ffmpeg run a gap between segments is a camera that sent nothing for a while (a starved encoder):
 * a page holds its last picture meanwhile, and so does the directed view; between runs (a recorder or
 * server that died) nothing was recorded, and the picture is black.
 */
export function chunkInputs(chunk: Chunk, segments: readonly SegmentEntry[], withPartial: boolean): ChunkInputs {
  const usable = (s: SegmentEntry): boolean => withPartial || !s.partial;
  const video = chunk.pictures.map((p) => {
    const own = segments.filter((s) => s.kind === 'video' && s.participantId === p.participantId && s.source === p.source && usable(s)).sort((a, b) => a.startedAt - b.startedAt);
    return own
      .map((s, i): HeldSegment => ({ ...s, holdUntil: own[i + 1]?.run === s.run ? Math.max(s.endedAt, own[i + 1]!.startedAt) : s.endedAt }))
      .filter((s) => s.holdUntil > chunk.from && s.startedAt < chunk.to);
  });
  return { video, audio: segments.filter((s) => s.kind === 'audio' && usable(s) && s.endedAt > chunk.from && s.startedAt < chunk.to) };
}

/** The ffmpeg arguments that render `chunk` into `output` (an MP4), with files relative to the recording's folder. */
export function chunkCommand(chunk: Chunk, inputs: ChunkInputs, output: string, threads: number): string[] {
  const duration = chunk.to - chunk.from;
  const args: string[] = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-nostats', '-progress', 'pipe:1', '-y', '-filter_complex_threads', '1'];
  const graph: string[] = [];
  let n = 0;
  const input = (file: string): number => {
    // A camera's picture may change size mid-segment (a simulcast layer switch): without this ffmpeg would
    // rebuild the whole graph, restarting the canvas and the silence, and scale copes with it anyway.
    args.push('-threads', '1', '-reinit_filter', '0', '-i', file);
    return n++;
  };
  // Where a segment's media falls in the chunk: trimmed to the chunk, then delayed to its place.
  const window = (s: SegmentEntry): { start: string; end: string; offset: number } => {
    const offset = s.startedAt - chunk.from;
    return { start: seconds(Math.max(0, -offset)), end: seconds(duration - offset), offset: Math.max(0, offset) };
  };

  let canvas = 'canvas';
  graph.push(`color=c=black:s=${CANVAS.width}x${CANVAS.height}:r=${FPS}:d=${seconds(duration)},format=yuv420p[${canvas}]`);
  chunk.pictures.forEach((picture, p) => {
    const { x, y, width, height } = picture.region;
    if (picture.role === 'inset') {
      const b = PIP_BORDER;
      graph.push(`[${canvas}]drawbox=x=${x - b}:y=${y - b}:w=${width + 2 * b}:h=${height + 2 * b}:color=white@0.8:t=fill,drawbox=x=${x}:y=${y}:w=${width}:h=${height}:color=black:t=fill[framed${p}]`);
      canvas = `framed${p}`;
    }
    const flags = picture.role === 'main' && isLegibleSource(picture.source) ? ':flags=lanczos' : '';
    inputs.video[p]!.forEach((segment, k) => {
      const i = input(segment.file);
      const w = window(segment);
      graph.push(
        // Not trimmed at the chunk's start: a stalled camera's last frame before it is the picture to hold.
        `[${i}:v]setpts=PTS-STARTPTS,trim=end=${w.end},setpts=PTS+${seconds(segment.startedAt - chunk.from)}/TB,` +
          `scale=w=${width}:h=${height}:force_original_aspect_ratio=decrease${flags},format=yuv420p[v${i}]`,
        // Held on its last frame until the next segment of its run, as a page's video holds a picture whose frames stop coming.
        `[${canvas}][v${i}]overlay=x=${x}+(${width}-w)/2:y=${y}+(${height}-h)/2:eof_action=repeat:enable='between(t,${seconds(w.offset)},${seconds(Math.min(duration, segment.holdUntil - chunk.from))})'[c${p}_${k}]`,
      );
      canvas = `c${p}_${k}`;
    });
  });
  graph.push(`[${canvas}]null[vout]`);

  const mixed = ['silence'];
  graph.push(`anullsrc=r=48000:cl=stereo,atrim=duration=${seconds(duration)}[silence]`);
  for (const segment of inputs.audio) {
    const i = input(segment.file);
    const w = window(segment);
    graph.push(
      `[${i}:a]asetpts=PTS-STARTPTS,aresample=48000:async=1:first_pts=0,aformat=sample_rates=48000:channel_layouts=stereo,` +
        `atrim=start=${w.start}:end=${w.end},asetpts=PTS-STARTPTS,adelay=${Math.round(w.offset)}:all=1[a${i}]`,
    );
    mixed.push(`a${i}`);
  }
  graph.push(`${mixed.map((m) => `[${m}]`).join('')}amix=inputs=${mixed.length}:duration=first:dropout_transition=0:normalize=0,atrim=duration=${seconds(duration)}[aout]`);

  args.push('-filter_complex', graph.join(';'), '-map', '[vout]', '-map', '[aout]', ...ENCODE, '-threads', String(threads), '-t', seconds(duration), '-f', 'mp4', output);
  return args;
}
