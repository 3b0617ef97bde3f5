import { describe, expect, it } from 'vitest';
import { afterSignIn, homeOf, loginAddress, sameOriginPath } from './landing';

const origin = 'https://tongtang.school.example';

describe('where the login page goes next', () => {
  it('follows a path of this site, with its query and fragment', () => {
    expect(sameOriginPath('/admin', origin)).toBe('/admin');
    expect(sameOriginPath('/lesson/math%201/teacher?lang=en#x', origin)).toBe('/lesson/math%201/teacher?lang=en#x');
  });

  it('never leaves the site, however the address is written', () => {
    for (const next of ['//evil.example/x', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', '/\t/evil.example', ' /admin', 'admin', '']) {
      expect(sameOriginPath(next, origin), JSON.stringify(next)).toBeNull();
    }
    expect(sameOriginPath(null, origin)).toBeNull();
  });

  it('does not come back to the login page itself', () => {
    expect(sameOriginPath('/login?next=/admin', origin)).toBeNull();
    expect(sameOriginPath('/login/', origin)).toBeNull();
  });

  it('goes to the role’s own page without a usable next', () => {
    expect(homeOf('bureauAdmin')).toBe('/admin');
    expect(homeOf('schoolAdmin')).toBe('/admin');
    expect(homeOf('teacher')).toBe('/teach');
    expect(homeOf('observer')).toBe('/');
    expect(homeOf('assistant')).toBe('/');
    expect(afterSignIn({ role: 'teacher' }, '?next=%2F%2Fevil.example', origin)).toBe('/teach');
    expect(afterSignIn({ role: 'teacher' }, '?next=%2Flesson%2Fa%2Fteacher', origin)).toBe('/lesson/a/teacher');
    expect(afterSignIn({ role: 'schoolAdmin' }, '', origin)).toBe('/admin');
  });

  it('writes the way back into the login address', () => {
    expect(loginAddress('/admin')).toBe('/login?next=%2Fadmin');
    expect(new URLSearchParams(loginAddress('/teach?x=1', { change: '1' }).slice(7)).get('next')).toBe('/teach?x=1');
  });
});
