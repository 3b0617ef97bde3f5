import { statfs } from 'node:fs/promises';
import type { RecordingStopReason } from '@shared';

/** The recordings' disk limits, from the configuration (RECORDING_BUDGET_GB, RECORDING_MIN_FREE_MB). */
export interface DiskLimits {
  dir: string;
  budgetBytes: number;
  minFreeBytes: number;
}

/** What a check found: the reason to stop recording now, if any, and the figures behind it. */
export interface DiskCheck {
  stop: Extract<RecordingStopReason, 'diskLow' | 'budget'> | null;
  freeBytes: number;
  usedBytes: number;
}

/**
 * Whether recording may go on: the disk keeps at least `minFreeBytes` free
 * (with room for the segments being written, so what was written stays
 * whole and the database beside it can still be written), and all
 * recordings together stay under the budget. `usedBytes` is what the
 * recording rows add up to (segments are counted as they finish).
 */
export async function checkDisk(limits: DiskLimits, usedBytes: number): Promise<DiskCheck> {
  const stats = await statfs(limits.dir);
  const freeBytes = Number(stats.bavail) * Number(stats.bsize);
  const stop = freeBytes < limits.minFreeBytes ? 'diskLow' : usedBytes >= limits.budgetBytes ? 'budget' : null;
  return { stop, freeBytes, usedBytes };
}

/** The alarm the teacher's page shows and the school admin's log keeps, in plain Chinese first. */
export function diskAlarm(check: DiskCheck, limits: DiskLimits): string {
  const mb = (bytes: number): string => `${Math.round(bytes / 1024 ** 2)} MB`;
  return check.stop === 'diskLow'
    ? `录制已停止：录像磁盘只剩 ${mb(check.freeBytes)}（至少要留 ${mb(limits.minFreeBytes)}）。已录下的内容都保存好了，可以播放。请学校管理员清理录像磁盘。` +
        ` Recording stopped: the recordings' disk has ${mb(check.freeBytes)} free (${mb(limits.minFreeBytes)} must stay free). What was recorded is kept and plays. The school admin must free space.`
    : `录制已停止：录像总量已到上限 ${mb(limits.budgetBytes)}（RECORDING_BUDGET_GB）。已录下的内容都保存好了，可以播放。请学校管理员删除旧录像或调高上限。` +
        ` Recording stopped: recordings reached their budget of ${mb(limits.budgetBytes)}. What was recorded is kept and plays. The school admin must delete old recordings or raise the budget.`;
}
