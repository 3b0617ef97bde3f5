import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';

const run = promisify(execFile);

/*
 * For tests of the library that need a playable file of a recording made
 * without media (no segments: the directed-view job has nothing to build
 * and marks it failed): a test pattern in its place, and the row marked
 * ready as the job would have. Tests of real lessons wait for the real job
 * instead (testkit/recordings.ts, waitForDirectedView).
 */

/** The file the directed-view job writes, in a recording's folder. */
const DIRECTED = 'directed.mp4';

/** H.264 + AAC, faststart, a key frame every 2 s: what a phone plays. */
const outputArgs = ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '26', '-pix_fmt', 'yuv420p', '-g', '20', '-keyint_min', '20', '-sc_threshold', '0', '-c:a', 'aac', '-b:a', '96k', '-movflags', '+faststart'];

/** A test-pattern directed view of `seconds` for a recording without media, once the job has left it; returns its file. */
export async function testPatternDirectedView(dataDir: string, recording: { id: string; dir: string }, seconds: number): Promise<string> {
  const db = new SQLite(join(dataDir, 'tongtang.sqlite'), { fileMustExist: true, timeout: 10_000 });
  try {
    // The job takes it up when the recording ends; with no segments it gives up at once. Wait for that, so it cannot overwrite what follows.
    for (const deadline = Date.now() + 30_000; ; await new Promise((r) => setTimeout(r, 100))) {
      const row = db.prepare('select status, directed_status from recording where id = ?').get(recording.id) as { status: string; directed_status: string } | undefined;
      if (row && row.status !== 'recording' && row.directed_status !== 'waiting' && row.directed_status !== 'rendering') break;
      if (Date.now() > deadline) throw new Error(`the directed-view job did not leave recording ${recording.id} within 30 s`);
    }
    const output = join(dataDir, 'recordings', recording.dir, DIRECTED);
    await run('ffmpeg', [
      '-hide_banner', '-loglevel', 'error', '-y',
      '-f', 'lavfi', '-i', `testsrc=size=640x360:rate=10:duration=${seconds}`,
      '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`,
      ...outputArgs, output,
    ], { timeout: 120_000 });
    db.prepare("update recording set directed_status = 'ready', directed_percent = 100, directed_error = null, directed_duration_ms = ? where id = ?").run(seconds * 1000, recording.id);
    return output;
  } finally {
    db.close();
  }
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
