import { describe, expect, it } from 'vitest';
import { parseRoute } from './route';

describe('parseRoute', () => {
  it("opens the teacher's page", () => {
    expect(parseRoute('/lesson/math-4/teacher')).toEqual({ page: 'teacher', lessonId: 'math-4' });
  });

  it("opens a classroom's page and its pre-class check", () => {
    expect(parseRoute('/lesson/math-4/classroom/shanping-4-1')).toEqual({ page: 'classroom', lessonId: 'math-4', classroomId: 'shanping-4-1' });
    expect(parseRoute('/lesson/math-4/classroom/shanping-4/check')).toEqual({ page: 'precheck', lessonId: 'math-4', classroomId: 'shanping-4' });
  });

  it('opens the watch, terminal, sign-in, admin and teaching pages', () => {
    expect(parseRoute('/lesson/math-4/watch')).toEqual({ page: 'watch', lessonId: 'math-4' });
    expect(parseRoute('/t')).toEqual({ page: 'terminal' });
    expect(parseRoute('/login/')).toEqual({ page: 'login' });
    expect(parseRoute('/admin')).toEqual({ page: 'admin' });
    expect(parseRoute('/teach')).toEqual({ page: 'teach' });
  });

  it("opens the library and its player", () => {
    expect(parseRoute('/library')).toEqual({ page: 'library' });
    expect(parseRoute('/library/recording/r_abc')).toEqual({ page: 'player', kind: 'recording', id: 'r_abc' });
    expect(parseRoute('/library/clip/clip_x/')).toEqual({ page: 'player', kind: 'clip', id: 'clip_x' });
    expect(parseRoute('/library/tape/x')).toEqual({ page: 'home' });
  });

  it('opens the review of a lesson and the ranking', () => {
    expect(parseRoute('/lesson/math-4/review')).toEqual({ page: 'review', lessonId: 'math-4' });
    expect(parseRoute('/ranking')).toEqual({ page: 'ranking' });
    expect(parseRoute('/timetable')).toEqual({ page: 'timetable' });
    expect(parseRoute('/dashboard')).toEqual({ page: 'dashboard' });
    expect(parseRoute('/inspection')).toEqual({ page: 'inspection' });
    expect(parseRoute('/broadcasts')).toEqual({ page: 'broadcasts' });
    expect(parseRoute('/lesson/L1/view')).toEqual({ page: 'view', lessonId: 'L1' });
    expect(parseRoute('/live/AbCdEfGhIjKlMnOpQrStUv')).toEqual({ page: 'live', hlsKey: 'AbCdEfGhIjKlMnOpQrStUv' });
    expect(parseRoute('/live/short')).toEqual({ page: 'home' });
  });

  it('opens the home page for an unknown or mangled address', () => {
    expect(parseRoute('/')).toEqual({ page: 'home' });
    expect(parseRoute('/lesson/%E0/teacher')).toEqual({ page: 'home' });
    expect(parseRoute('/lesson/x/classroom/%E0')).toEqual({ page: 'home' });
  });
});
