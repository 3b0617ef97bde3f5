import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { keyFramesMs } from './mediaProbe.js';

/**
 * How a micro-lesson is cut from the directed view. Stream copy when a key
 * frame lies at the in-point or at most `SNAP_BEFORE_MS` before it (the clip
 * then starts there: a fraction of a second earlier than marked, seconds
 * of work for an hour-long clip). Otherwise the whole clip is re-encoded
 * (H.264 + AAC like the directed view) from exactly the in-point: a stream
 * copy would have to start at the key frame before, up to a GOP early, and
 * re-encoding only the head up to the next key frame and joining it to a
 * copied rest needs the encoder's parameters to match the original's
 * exactly. A clip is minutes long, so re-encoding it costs about its own
 * length in one core's time at the lowest priority.
 */
export const SNAP_BEFORE_MS = 300;
const SNAP_AFTER_MS = 40;

export interface CutPlan {
  method: 'copy' | 'encode';
  /** Where the cut really starts (the key frame for a copy). */
  fromMs: number;
  toMs: number;
}

/** Chooses stream copy or re-encoding for a cut from `file`, by its key frames around the in-point. */
export async function planCut(file: string, inMs: number, outMs: number): Promise<CutPlan> {
  const near = await keyFramesMs(file, inMs - SNAP_BEFORE_MS - 1000, inMs + SNAP_AFTER_MS + 1000).catch(() => []);
  const key = near.filter((ms) => ms >= inMs - SNAP_BEFORE_MS && ms <= inMs + SNAP_AFTER_MS).sort((a, b) => Math.abs(a - inMs) - Math.abs(b - inMs))[0];
  return key === undefined ? { method: 'encode', fromMs: inMs, toMs: outMs } : { method: 'copy', fromMs: key, toMs: outMs };
}

/** ffmpeg's arguments for a planned cut, writing an MP4 (faststart, plays on a phone) and its progress to stdout. */
export function cutArguments(source: string, plan: CutPlan, output: string): string[] {
  const seconds = (ms: number): string => (ms / 1000).toFixed(3);
  const codecs =
    plan.method === 'copy'
      ? ['-c', 'copy', '-avoid_negative_ts', 'make_zero']
      : ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-pix_fmt', 'yuv420p', '-g', '50', '-c:a', 'aac', '-b:a', '128k'];
  return [
    '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error', '-y',
    // Before -i: a copy starts at the key frame itself; an encode seeks there and decodes exactly from the in-point.
    '-ss', seconds(plan.fromMs),
    '-i', source,
    '-t', seconds(plan.toMs - plan.fromMs),
    '-map', '0:v:0', '-map', '0:a:0?',
    ...codecs,
    '-movflags', '+faststart',
    '-progress', 'pipe:1',
    '-f', 'mp4', output,
  ];
}

/** A running cut: its progress (0..1) as ffmpeg reports it, and how it ended. */
export interface RunningCut {
  done: Promise<void>;
  stop(): void;
}

/** Runs ffmpeg for a cut at the lowest CPU priority (live lessons keep the cores); rejects with ffmpeg's last words. */
export function runCut(source: string, plan: CutPlan, output: string, onProgress: (fraction: number) => void): RunningCut {
  const ffmpeg = process.env['FFMPEG_BIN'] ?? 'ffmpeg';
  const child = spawn('nice', ['-n', '19', ffmpeg, ...cutArguments(source, plan, output)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const lengthMs = plan.toMs - plan.fromMs;
  createInterface({ input: child.stdout }).on('line', (line) => {
    const match = /^out_time_us=(\d+)/.exec(line);
    if (match) onProgress(Math.min(1, Number(match[1]) / 1000 / lengthMs));
  });
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', (error) => reject(error));
    child.on('close', (code, signal) => (code === 0 ? resolve() : reject(new Error(`ffmpeg ${signal ?? code}: ${stderr.trim().split('\n').at(-1) ?? ''}`))));
  });
  return { done, stop: () => void child.kill('SIGKILL') };
}
