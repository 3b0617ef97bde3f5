import { describe, expect, it } from 'vitest';
import { mainViewTarget } from './mainViewTarget';

describe('mainViewTarget', () => {
  const present = ['teacher', 'classroom:a', 'classroom:b'];

  it('shows the directed classroom on the teacher page and on the other classrooms', () => {
    expect(mainViewTarget('classroom:a', 'teacher', present)).toBe('classroom:a');
    expect(mainViewTarget('classroom:a', 'classroom:b', present)).toBe('classroom:a');
  });

  it('shows the teacher to the classroom that is itself on the main view', () => {
    expect(mainViewTarget('classroom:a', 'classroom:a', present)).toBe('teacher');
  });

  it('shows the teacher when the directed classroom has already left', () => {
    expect(mainViewTarget('classroom:gone', 'classroom:b', present)).toBe('teacher');
  });

  it('shows the teacher (her own camera on her page) when directed to the teacher', () => {
    expect(mainViewTarget('teacher', 'teacher', present)).toBe('teacher');
    expect(mainViewTarget('teacher', 'classroom:a', present)).toBe('teacher');
  });
});
