import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { SegmentEntry, StageLogEntry } from '../server/src/features/recording/recordingFiles.js';
import { readLines } from '../server/src/features/recording/recordingFiles.js';

const run = promisify(execFile);

/*
 * STAND-IN for the directed-view job (another branch builds the real one:
 * one MP4 that follows the stage). Until it lands, the library's tests need
 * a `directed.mp4` in a recording's folder to play and cut, so these build
 * one with ffmpeg — in tests only; the server never calls this. Replace the
 * calls with the real job once it exists.
 */

/** The file the directed-view job writes, in a recording's folder. */
const DIRECTED = 'directed.mp4';

/** H.264 + AAC, faststart, a key frame every 2 s (the directed view's likely GOP): what a phone plays. */
const outputArgs = ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '26', '-pix_fmt', 'yuv420p', '-g', '20', '-keyint_min', '20', '-sc_threshold', '0', '-c:a', 'aac', '-b:a', '96k', '-movflags', '+faststart'];

/**
 * A stand-in directed view of a real recording, from its per-source
 * segments: the teacher camera's segments concatenated in order, its head
 * padded so its time zero is the recording's start (as the stage log's
 * chapters count), with the teacher microphone's audio. 10 fps, 640×360.
 */
export async function standInDirectedView(recordingDir: string): Promise<string> {
  const segments = readLines<SegmentEntry>(join(recordingDir, 'segments.jsonl')).filter((s) => !s.partial);
  const log = readLines<StageLogEntry>(join(recordingDir, 'stage.jsonl'));
  const zero = log.find((e) => e.type === 'recordingStarted')?.at ?? Math.min(...segments.map((s) => s.startedAt));
  const list = (source: string, kind: string): SegmentEntry[] =>
    segments.filter((s) => s.participantId === 'teacher' && s.source === source && s.kind === kind).sort((a, b) => a.startedAt - b.startedAt);
  const video = list('teacher', 'video');
  const audio = list('teacherMic', 'audio');
  if (video.length === 0) throw new Error(`no teacher camera segments in ${recordingDir}`);
  const concat = (name: string, files: SegmentEntry[]): string => {
    const path = join(recordingDir, name);
    writeFileSync(path, files.map((s) => `file '${join(recordingDir, s.file).replace(/'/g, "'\\''")}'\n`).join(''));
    return path;
  };
  const headMs = Math.max(0, video[0]!.startedAt - zero);
  const audioHeadMs = audio.length ? Math.max(0, audio[0]!.startedAt - zero) : 0;
  const output = join(recordingDir, DIRECTED);
  await run('ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'concat', '-safe', '0', '-i', concat('.standin-video.txt', video),
    ...(audio.length ? ['-f', 'concat', '-safe', '0', '-i', concat('.standin-audio.txt', audio)] : ['-f', 'lavfi', '-i', 'anullsrc=r=48000:cl=stereo']),
    '-filter_complex',
    `[0:v]fps=10,scale=640:360:force_original_aspect_ratio=decrease,pad=640:360:(ow-iw)/2:(oh-ih)/2,tpad=start_duration=${(headMs / 1000).toFixed(3)}:color=black[v];` +
      `[1:a]adelay=${Math.round(audioHeadMs)}:all=1[a]`,
    '-map', '[v]', '-map', '[a]', '-shortest',
    ...outputArgs, output,
  ], { timeout: 120_000 });
  return output;
}

/** A stand-in directed view of `seconds` of test pattern and tone, for tests that need a playable file but no real lesson. */
export async function testPatternDirectedView(recordingDir: string, seconds: number): Promise<string> {
  const output = join(recordingDir, DIRECTED);
  await run('ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', `testsrc=size=640x360:rate=10:duration=${seconds}`,
    '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`,
    ...outputArgs, output,
  ], { timeout: 120_000 });
  return output;
}

/** What ffprobe makes of a file: its duration (ms), its streams' codecs, and how many video frames decode. */
export async function probeMp4(file: string): Promise<{ durationMs: number; codecs: string[]; decodedFrames: number }> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-count_frames', '-show_entries', 'format=duration:stream=codec_name,codec_type,nb_read_frames', '-of', 'json', file]);
  const probed = JSON.parse(stdout) as { format: { duration: string }; streams: Array<{ codec_name: string; codec_type: string; nb_read_frames?: string }> };
  return {
    durationMs: Math.round(Number(probed.format.duration) * 1000),
    codecs: probed.streams.map((s) => s.codec_name),
    decodedFrames: Number(probed.streams.find((s) => s.codec_type === 'video')?.nb_read_frames ?? 0),
  };
}
