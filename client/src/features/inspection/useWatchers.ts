import { useEffect, useRef, useState } from 'react';
import { LessonWatcher, type WatchedAs } from './lessonWatcher';

/** What a tile shows of its connection: still connecting, watching, or why not. */
export type WatchState = 'connecting' | 'watching' | 'ended' | 'replaced' | { failed: string };

export interface Watchers {
  watcher(lessonId: string): LessonWatcher | undefined;
  state(lessonId: string): WatchState;
}

/** The tests read every tile's receive statistics here. */
type InspectionHooks = { tongtangInspection?: { stats(): Promise<Array<{ lessonId: string; rows: Awaited<ReturnType<LessonWatcher['stats']>> }>> } };

/**
 * One LessonWatcher per lesson on the page shown now: opened when its tile
 * appears, closed when it leaves the page (another page, the lesson ended),
 * so an admin paging through dozens of lessons holds only nine connections.
 * `heard` is the one lesson whose sound plays, `large` the one watched large
 * (every other picture is then paused at the SFU).
 */
export function useWatchers(lessonIds: string[], heard: string | null, large: string | null): Watchers {
  const watchers = useRef(new Map<string, LessonWatcher>());
  const [states, setStates] = useState<Record<string, WatchState>>({});
  const key = lessonIds.join(',');

  useEffect(() => {
    const shown = new Set(key ? key.split(',') : []);
    for (const [lessonId, watcher] of watchers.current) {
      if (shown.has(lessonId)) continue;
      watcher.close();
      watchers.current.delete(lessonId);
    }
    for (const lessonId of shown) {
      if (watchers.current.has(lessonId)) continue;
      const watcher = new LessonWatcher(lessonId, (problem) => {
        const state: WatchState = problem === null ? 'watching' : problem === 'ended' || problem === 'replaced' ? problem : { failed: problem };
        setStates((previous) => ({ ...previous, [lessonId]: state }));
      });
      watchers.current.set(lessonId, watcher);
    }
  }, [key]);

  useEffect(() => {
    for (const [lessonId, watcher] of watchers.current) {
      watcher.setHeard(lessonId === heard);
      const as: WatchedAs = large === null ? 'tile' : lessonId === large ? 'large' : 'unseen';
      watcher.setWatchedAs(as);
    }
  }, [key, heard, large]);

  useEffect(() => {
    const all = watchers.current;
    (window as unknown as InspectionHooks).tongtangInspection = {
      stats: () => Promise.all([...all].map(async ([lessonId, watcher]) => ({ lessonId, rows: await watcher.stats() }))),
    };
    return () => {
      for (const watcher of all.values()) watcher.close();
      all.clear();
    };
  }, []);

  return { watcher: (lessonId) => watchers.current.get(lessonId), state: (lessonId) => states[lessonId] ?? 'connecting' };
}
