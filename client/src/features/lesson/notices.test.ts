import { afterEach, describe, expect, it, vi } from 'vitest';
import { dispatchNotice, onNotice } from './notices';

describe('notices', () => {
  const stops: Array<() => void> = [];
  afterEach(() => {
    for (const stop of stops.splice(0)) stop();
    vi.restoreAllMocks();
  });

  it('hands a notice to every handler of its type, and only to those', () => {
    const hands = vi.fn();
    const alsoHands = vi.fn();
    const floor = vi.fn();
    stops.push(onNotice('handsChanged', hands), onNotice('handsChanged', alsoHands), onNotice('floorChanged', floor));
    dispatchNotice({ type: 'handsChanged', hands: [] });
    expect(hands).toHaveBeenCalledWith({ type: 'handsChanged', hands: [] });
    expect(alsoHands).toHaveBeenCalledOnce();
    expect(floor).not.toHaveBeenCalled();
  });

  it('stops calling a handler once it is unregistered', () => {
    const closed = vi.fn();
    const stop = onNotice('trackClosed', closed);
    stop();
    dispatchNotice({ type: 'trackClosed', producerId: 'p1' });
    expect(closed).not.toHaveBeenCalled();
  });

  it('drops a notice that does not match the protocol', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const closed = vi.fn();
    stops.push(onNotice('trackClosed', closed));
    dispatchNotice({ type: 'trackClosed', producerId: 42 });
    expect(closed).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledOnce();
  });
});
