import { describe, expect, it } from 'vitest';
import { mayBeHeard, type FloorState } from './interaction.js';

const lecture: FloorState = { mode: 'lecture', holders: ['classroom:a'], muted: ['classroom:m'], maxHolders: 1 };

describe('the floor rule', () => {
  it('always lets the teacher be heard', () => {
    expect(mayBeHeard('teacher', { ...lecture, muted: ['teacher'] })).toBe(true);
  });

  it('in lecture mode lets only floor holders be heard', () => {
    expect(mayBeHeard('classroom:a', lecture)).toBe(true);
    expect(mayBeHeard('classroom:b', lecture)).toBe(false);
  });

  it('in discussion lets every classroom be heard except a muted one', () => {
    const discussion: FloorState = { ...lecture, mode: 'discussion' };
    expect(mayBeHeard('classroom:b', discussion)).toBe(true);
    expect(mayBeHeard('classroom:m', discussion)).toBe(false);
  });
});
