import { describe, expect, it } from 'vitest';
import { Placement } from './placement';

function setup() {
  const changes: Array<[string, string]> = [];
  let pending: (() => void) | null = null;
  const placement = new Placement((id, place) => changes.push([id, place]), (flush) => (pending = flush));
  const flush = () => {
    const run = pending;
    pending = null;
    run?.();
  };
  return { placement, changes, flush };
}

describe('Placement', () => {
  it('takes the largest place a picture is shown at, and hides it when no tile shows it', () => {
    const { placement, changes, flush } = setup();
    placement.created('p1', 'tile');
    const offTile = placement.show('p1', 'tile');
    const offMain = placement.show('p1', 'main');
    flush();
    expect(changes).toEqual([['p1', 'main']]);
    offMain();
    flush();
    offTile();
    flush();
    expect(changes).toEqual([['p1', 'main'], ['p1', 'tile'], ['p1', 'hidden']]);
  });

  it('sends one change when a picture moves from a tile to the main view in one render', () => {
    const { placement, changes, flush } = setup();
    const offTile = placement.show('p1', 'tile');
    placement.created('p1', 'tile');
    offTile();
    placement.show('p1', 'main');
    flush();
    expect(changes).toEqual([['p1', 'main']]);
  });

  it('says nothing about pictures whose consumer does not exist yet, but remembers their place', () => {
    const { placement, changes, flush } = setup();
    placement.show('p2', 'half');
    flush();
    expect(changes).toEqual([]);
    expect(placement.placeOf('p2')).toBe('half');
    expect(placement.placeOf('unknown')).toBe('hidden');
  });

  it('a tile that mounted while the consumer was being created still gets its place', () => {
    const { placement, changes, flush } = setup();
    placement.show('p3', 'main');
    flush();
    // The consumer was asked for before the tile existed, so it started as a small tile.
    placement.created('p3', 'tile');
    flush();
    expect(changes).toEqual([['p3', 'main']]);
  });
});
