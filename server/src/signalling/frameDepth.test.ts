import { describe, expect, it } from 'vitest';
import { nestingExceeds } from './frameDepth.js';

describe('nestingExceeds', () => {
  it('counts arrays and objects, not brackets inside strings', () => {
    expect(nestingExceeds('2["request",{"a":[1,{"b":2}]}]', 4)).toBe(false);
    expect(nestingExceeds('2["request",{"a":[1,{"b":2}]}]', 3)).toBe(true);
    expect(nestingExceeds(`2["request",{"text":"${'['.repeat(500)}"}]`, 4)).toBe(false);
    expect(nestingExceeds(`2["request",{"text":"\\"${'{'.repeat(50)}"}]`, 4)).toBe(false);
  });

  it('measures a frame nested twenty thousand levels deep without recursion', () => {
    expect(nestingExceeds(`2["request",${'['.repeat(20_000)}${']'.repeat(20_000)}]`, 32)).toBe(true);
  });
});
