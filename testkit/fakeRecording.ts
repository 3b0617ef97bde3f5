import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { Stage } from '../shared/src/stage.js';
import type { MediaSource } from '../shared/src/media.js';
import type { SegmentEntry, StageLogEntry } from '../server/src/features/recording/recordingFiles.js';

const run = promisify(execFile);

/** One source of a made-up recording: a solid colour (video, each segment's second half at twice the size) or a sine tone (audio), in 5 s segments over [from, to) ms of the recording. */
export interface FakeSource {
  participantId: string;
  source: MediaSource;
  colour?: string;
  toneHz?: number;
  from: number;
  to: number;
  /** The recorder run (ffmpeg process) that wrote it: a source recorded again after a death has a new one. */
  run?: string;
}

const SEGMENT_MS = 5000;

/**
 * Writes a recording's folder as the recorders would (VP8 or Opus WebM
 * segments made by ffmpeg, `segments.jsonl`, `stage.jsonl`), starting at
 * wall-clock `startedAt`, for tests of the directed view without a lesson.
 */
export async function writeFakeRecording(dir: string, startedAt: number, durationMs: number, sources: FakeSource[], stages: Array<{ at: number; stage: Stage }>): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const entries: SegmentEntry[] = [];
  for (const src of sources) {
    const kind = src.colour ? 'video' : 'audio';
    for (let at = src.from; at < src.to; at += SEGMENT_MS) {
      const length = Math.min(SEGMENT_MS, src.to - at);
      const recorderRun = src.run ?? 'run1';
      const file = `${src.participantId.replace(/[^A-Za-z0-9_-]/g, '_')}/${src.source}/${recorderRun}-${String(at).padStart(6, '0')}.webm`;
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      if (src.colour) {
        // Its second half twice as large, as a camera's picture is after a simulcast layer switch.
        const halves = await Promise.all([`640x360`, `1280x720`].map(async (size, h) => {
          const half = join(dir, `${file}.${h}.webm`);
          await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `color=c=${src.colour}:s=${size}:r=10:d=${length / 2000}`, '-c:v', 'libvpx', '-b:v', '200k', '-deadline', 'realtime', '-cpu-used', '8', half]);
          return half;
        }));
        writeFileSync(join(dir, `${file}.txt`), halves.map((h) => `file '${h}'\n`).join(''));
        await run('ffmpeg', ['-v', 'error', '-y', '-f', 'concat', '-safe', '0', '-i', join(dir, `${file}.txt`), '-c', 'copy', join(dir, file)]);
        for (const extra of [...halves, join(dir, `${file}.txt`)]) rmSync(extra);
      } else {
        await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `sine=frequency=${src.toneHz}:sample_rate=48000:duration=${length / 1000}`, '-c:a', 'libopus', '-b:a', '32k', join(dir, file)]);
      }
      entries.push({
        file, participantId: src.participantId, classroomId: null, source: src.source, kind, producerId: `${src.participantId}-${src.source}`, run: recorderRun,
        startedAt: startedAt + at, endedAt: startedAt + at + length, mediaStart: at / 1000, mediaEnd: (at + length) / 1000, partial: false, bytes: statSync(join(dir, file)).size,
      });
    }
  }
  const log: StageLogEntry[] = [
    { at: startedAt, type: 'recordingStarted', recordingId: 'fake', resumed: false },
    ...stages.map((s): StageLogEntry => ({ at: startedAt + s.at, type: 'stage', stage: s.stage })),
    { at: startedAt + durationMs, type: 'recordingStopped', reason: 'lessonEnded' },
  ];
  writeFileSync(join(dir, 'segments.jsonl'), entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
  writeFileSync(join(dir, 'stage.jsonl'), log.map((e) => `${JSON.stringify(e)}\n`).join(''));
}

/** A stage of one layout with its main and inset pictures. */
export function stageOf(layout: Stage['layout'], main: [string, string] | null, inset: [string, string] | null = null): Stage {
  const ref = (r: [string, string] | null) => (r ? { participantId: r[0], source: r[1] as never } : null);
  return { directing: { choice: layout === 'grid' ? 'grid' : 'auto', main: null, inset: null }, layout, main: ref(main), inset: ref(inset), changedAt: 0 };
}

/** Which of red, green, blue an average colour is (or black): whose tinted camera a picture shows. */
export function hue([r, g, b]: [number, number, number]): 'red' | 'green' | 'blue' | 'black' {
  if (Math.max(r, g, b) < 40) return 'black';
  return r > g && r > b ? 'red' : g > b ? 'green' : 'blue';
}

/** The average colour (R, G, B, 0–255) of a region of the frame at `second` of a video file. */
export async function colourAt(file: string, second: number, region?: { x: number; y: number; width: number; height: number }): Promise<[number, number, number]> {
  const crop = region ? `crop=${region.width}:${region.height}:${region.x}:${region.y},` : '';
  const { stdout } = await run('ffmpeg', ['-v', 'error', '-ss', String(second), '-i', file, '-frames:v', '1', '-vf', `${crop}scale=1:1:flags=area`, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { encoding: 'buffer' });
  return [stdout[0]!, stdout[1]!, stdout[2]!];
}

/** The loudness (RMS level, dB) of a band around `hz` in [from, from + length) s of a file's audio. */
export async function toneLevel(file: string, hz: number, from: number, length: number): Promise<number> {
  const { stderr } = await run('ffmpeg', ['-v', 'info', '-nostats', '-ss', String(from), '-t', String(length), '-i', file, '-vn', '-af', `bandpass=f=${hz}:width_type=q:w=8,bandpass=f=${hz}:width_type=q:w=8,astats=measure_overall=RMS_level:measure_perchannel=none`, '-f', 'null', '-'], { encoding: 'utf8' });
  const match = /RMS level dB: (-?[\d.]+|-inf)/.exec(stderr);
  return match && match[1] !== '-inf' ? Number(match[1]) : -200;
}

/** What ffprobe says of a file's streams and length. */
export async function probeStreams(file: string): Promise<{ codecs: string[]; width: number; height: number; durationS: number }> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name,width,height:format=duration', '-of', 'json', file]);
  const probe = JSON.parse(stdout) as { streams: Array<{ codec_name: string; width?: number; height?: number }>; format: { duration: string } };
  const video = probe.streams.find((s) => s.width);
  return { codecs: probe.streams.map((s) => s.codec_name), width: video?.width ?? 0, height: video?.height ?? 0, durationS: Number(probe.format.duration) };
}
