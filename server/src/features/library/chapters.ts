import type { Chapter, FloorState, Stage } from '@shared';
import type { StageLogEntry } from '../recording/recordingFiles.js';

/** Who a participant id names, for a chapter's label (`teacher`, `classroom:<id>`). */
export type NameOf = (participantId: string) => string;

/** The classroom ids a stage log speaks of, to look their names up once. */
export function classroomIdsOf(log: readonly StageLogEntry[]): string[] {
  const ids = new Set<string>();
  const add = (participantId: string | undefined) => participantId?.startsWith('classroom:') && ids.add(participantId.slice('classroom:'.length));
  for (const entry of log) {
    if (entry.type === 'floor') entry.floor.holders.forEach(add);
    if (entry.type === 'stage') add(entry.stage.main?.participantId);
  }
  return [...ids];
}

/** The wall-clock time of the recording's time zero: its first start in the stage log, else the row's start. */
export function timeZero(log: readonly StageLogEntry[], startedAt: number): number {
  return log.find((e) => e.type === 'recordingStarted')?.at ?? startedAt;
}

/**
 * The chapters of a recording's timeline from its stage log: the start,
 * every change of the teacher's layout choice (automatic directing's own
 * switches between speakers are not chapters: they come every few seconds),
 * every classroom given or losing the floor, and discussion on and off.
 * `atMs` is ms since `zeroAt`; entries after `endMs` (if given) are left out.
 */
export function chaptersOf(log: readonly StageLogEntry[], zeroAt: number, nameOf: NameOf, endMs?: number): Chapter[] {
  const chapters: Chapter[] = [{ kind: 'start', atMs: 0 }];
  let stage: Stage | null = null;
  let floor: FloorState | null = null;
  for (const entry of log) {
    const atMs = Math.max(0, entry.at - zeroAt);
    if (endMs !== undefined && atMs > endMs) break;
    if (entry.type === 'stage') {
      // The first stage is the lesson's opening layout, unless the teacher had already chosen another.
      const changed = stage ? entry.stage.directing.choice !== stage.directing.choice : entry.stage.directing.choice !== 'auto';
      if (changed) {
        const main = entry.stage.main;
        chapters.push({ kind: 'layout', atMs, choice: entry.stage.directing.choice, mainName: main ? nameOf(main.participantId) : null });
      }
      stage = entry.stage;
    }
    if (entry.type === 'floor') {
      const before = floor?.holders ?? [];
      const granted = entry.floor.holders.filter((id) => !before.includes(id));
      const returned = before.filter((id) => !entry.floor.holders.includes(id));
      if (granted.length) chapters.push({ kind: 'floorGranted', atMs, names: granted.map(nameOf) });
      if (returned.length) chapters.push({ kind: 'floorReturned', atMs, names: returned.map(nameOf) });
      if (floor && floor.mode !== entry.floor.mode) chapters.push({ kind: 'discussion', atMs, on: entry.floor.mode === 'discussion' });
      floor = entry.floor;
    }
  }
  return chapters;
}
