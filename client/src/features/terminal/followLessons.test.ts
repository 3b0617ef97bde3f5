import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorCode, LessonError, TERMINAL_JOIN_LEAD_MS, type TerminalLesson } from '@shared';
import { askAgainIn, classroomPagePath, CONFIRM_MS, followLessons, POLL_MS, type TerminalView } from './followLessons';

const idle: TerminalLesson = { current: null, next: null, serverNow: 0, timeZone: 'Asia/Shanghai', classroomName: '四年级(2)班', schoolName: '河湾乡中心小学' };
const live: TerminalLesson = { ...idle, current: { lessonId: 'math 1', title: '四年级数学', classroomId: 'hewan-4-2' } };
const refused = () => Promise.reject(new LessonError(ErrorCode.Unauthorized, 'not signed in'));

describe('a classroom terminal following its lessons', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const follow = (replies: Array<() => Promise<TerminalLesson>>) => {
    const views: TerminalView[] = [];
    const load = vi.fn(() => (replies.shift() ?? (() => Promise.resolve(idle)))());
    const stop = followLessons(load, (view) => views.push(view));
    return { views, load, stop };
  };

  it('waits, asking every 15 s, and goes to the lesson as soon as there is one', async () => {
    const { views, load } = follow([() => Promise.resolve(idle), () => Promise.resolve(live)]);
    await vi.advanceTimersByTimeAsync(0);
    expect(views).toEqual([{ state: 'waiting', lesson: idle, offline: false }]);
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(views.at(-1)).toEqual({ state: 'joining', lessonId: 'math 1', classroomId: 'hewan-4-2' });
    // Once it goes to the lesson it stops asking.
    await vi.advanceTimersByTimeAsync(POLL_MS * 3);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('says it is not registered only when the server says so twice', async () => {
    const { views } = follow([refused, () => Promise.resolve(idle)]);
    await vi.advanceTimersByTimeAsync(CONFIRM_MS);
    expect(views).toEqual([{ state: 'waiting', lesson: idle, offline: false }]);

    const second = follow([refused, refused]);
    await vi.advanceTimersByTimeAsync(CONFIRM_MS);
    expect(second.views).toEqual([{ state: 'unregistered' }]);
  });

  it('tells a browser signed in as someone else at once that it is no terminal', async () => {
    const { views } = follow([() => Promise.reject(new LessonError(ErrorCode.Forbidden, 'only a classroom terminal has a classroom'))]);
    await vi.advanceTimersByTimeAsync(0);
    expect(views).toEqual([{ state: 'unregistered' }]);
  });

  it('keeps waiting, with the names it knows, while the server cannot be reached', async () => {
    const { views } = follow([() => Promise.resolve(idle), () => Promise.reject(new LessonError(ErrorCode.Unavailable, 'down'))]);
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(views.at(-1)).toEqual({ state: 'waiting', lesson: idle, offline: true });
  });

  it('stops asking when the page is closed', async () => {
    const { load, stop } = follow([]);
    await vi.advanceTimersByTimeAsync(0);
    stop();
    await vi.advanceTimersByTimeAsync(POLL_MS * 2);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('asks again when the next lesson opens, by the server\'s clock, if that comes before the next 15 s', () => {
    const next = (inMs: number): TerminalLesson => ({ ...idle, serverNow: 1_000_000, next: { title: '语文', startsAt: 1_000_000 + TERMINAL_JOIN_LEAD_MS + inMs } });
    expect(askAgainIn(idle)).toBe(POLL_MS);
    expect(askAgainIn(next(4000))).toBe(4000);
    expect(askAgainIn(next(60_000))).toBe(POLL_MS);
    expect(askAgainIn(next(-5000))).toBe(1000);
  });

  it('opens the classroom page of the lesson', () => {
    expect(classroomPagePath('math 1', 'hewan-4-2')).toBe('/lesson/math%201/classroom/hewan-4-2');
  });
});
