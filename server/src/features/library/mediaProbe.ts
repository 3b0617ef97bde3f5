import { execFile } from 'node:child_process';

/** ffprobe; FFPROBE_BIN overrides it (the real one is installed by scripts/setup.sh). */
const ffprobeBin = (): string => process.env['FFPROBE_BIN'] ?? 'ffprobe';

function probe(args: string[], timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(ffprobeBin(), ['-v', 'error', ...args], { timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024 }, (error, stdout) => (error ? reject(error) : resolve(String(stdout))));
  });
}

/** A media file's duration in ms, from its container (null when ffprobe cannot read it). */
export async function mediaDurationMs(file: string): Promise<number | null> {
  const seconds = Number.parseFloat((await probe(['-show_entries', 'format=duration', '-of', 'csv=p=0', file]).catch(() => '')).trim());
  return Number.isFinite(seconds) ? Math.round(seconds * 1000) : null;
}

/**
 * The key frames of the first video stream between `fromMs` and `toMs`, in
 * ms: packets only (flag K), nothing decoded, and only that stretch read
 * (`-read_intervals`), so it costs the same for a long recording as for a short one.
 */
export async function keyFramesMs(file: string, fromMs: number, toMs: number): Promise<number[]> {
  const interval = `${(Math.max(0, fromMs) / 1000).toFixed(3)}%${(toMs / 1000).toFixed(3)}`;
  const text = await probe(['-select_streams', 'v:0', '-read_intervals', interval, '-show_entries', 'packet=pts_time,flags', '-of', 'csv=p=0', file]);
  return text
    .split('\n')
    .map((line) => line.trim().split(','))
    .filter(([time, flags]) => time !== undefined && flags?.includes('K'))
    .map(([time]) => Math.round(Number.parseFloat(time!) * 1000))
    .filter((ms) => Number.isFinite(ms) && ms >= fromMs && ms <= toMs);
}
