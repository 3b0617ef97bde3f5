import { describe, expect, it } from 'vitest';
import { classPart, waitingTime } from './handQueueText';

describe('waitingTime', () => {
  it('counts whole seconds, then minutes', () => {
    expect(waitingTime(10_000, 22_400)).toEqual({ minutes: 0, seconds: 12 });
    expect(waitingTime(0, 125_000)).toEqual({ minutes: 2, seconds: 5 });
  });

  it('never shows a negative wait when the laptop clock is behind the server', () => {
    expect(waitingTime(5_000, 3_000)).toEqual({ minutes: 0, seconds: 0 });
  });
});

describe('classPart', () => {
  it('drops the school the server put in front of the class', () => {
    expect(classPart({ schoolName: '山坪村小学', classroomName: '山坪村小学 · 四年级(1)班' })).toBe('四年级(1)班');
  });

  it('keeps a classroom name that does not start with the school', () => {
    expect(classPart({ schoolName: '山坪村小学', classroomName: '四年级(1)班' })).toBe('四年级(1)班');
    expect(classPart({ schoolName: '', classroomName: ' · 四年级' })).toBe(' · 四年级');
  });
});
