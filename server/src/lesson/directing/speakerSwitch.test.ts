import { describe, expect, it } from 'vitest';
import { SpeakerSwitch } from './speakerSwitch.js';

/** Feeds one speaker every 250 ms (the observer's interval) from `from` to `to`; returns the first switch time. */
function speak(policy: SpeakerSwitch, who: string | null, current: string, from: number, to: number): number | null {
  for (let t = from; t <= to; t += 250) if (policy.feed(who, current, t) !== null) return t;
  return null;
}

describe('automatic directing switch', () => {
  it('switches to a new speaker after the confirm time, well within 2 s', () => {
    const policy = new SpeakerSwitch(750, 2000);
    expect(speak(policy, 'classroom:b', 'teacher', 10_000, 12_000)).toBe(10_750);
  });

  it('ignores a short noise', () => {
    const policy = new SpeakerSwitch(750, 2000);
    expect(speak(policy, 'classroom:b', 'teacher', 0, 500)).toBeNull();
    expect(speak(policy, null, 'teacher', 750, 3000)).toBeNull();
  });

  it('holds the view at least 2 s after a switch, however loud the next speaker', () => {
    const policy = new SpeakerSwitch(750, 2000);
    policy.switched(0);
    expect(speak(policy, 'classroom:a', 'classroom:b', 0, 5000)).toBe(2000);
  });

  it('rides out short pauses between words', () => {
    const policy = new SpeakerSwitch(750, 2000, 500);
    expect(policy.feed('classroom:b', 'teacher', 0)).toBeNull();
    expect(policy.feed(null, 'teacher', 250)).toBeNull();
    expect(policy.feed('classroom:b', 'teacher', 500)).toBeNull();
    expect(policy.feed('classroom:b', 'teacher', 750)).toBe('classroom:b');
  });

  it('forgets a speaker after a long pause', () => {
    const policy = new SpeakerSwitch(750, 2000, 500);
    expect(policy.feed('classroom:b', 'teacher', 0)).toBeNull();
    expect(policy.feed(null, 'teacher', 600)).toBeNull();
    expect(policy.feed('classroom:b', 'teacher', 1000)).toBeNull();
    expect(policy.feed('classroom:b', 'teacher', 1500)).toBeNull();
    expect(policy.feed('classroom:b', 'teacher', 1750)).toBe('classroom:b');
  });

  it('restarts the confirm time when the loudest speaker changes', () => {
    const policy = new SpeakerSwitch(750, 2000);
    expect(policy.feed('classroom:a', 'teacher', 0)).toBeNull();
    expect(policy.feed('classroom:b', 'teacher', 500)).toBeNull();
    expect(policy.feed('classroom:b', 'teacher', 1000)).toBeNull();
    expect(policy.feed('classroom:b', 'teacher', 1250)).toBe('classroom:b');
  });
});
