import { describe, expect, it } from 'vitest';
import { rateOneWay, rateRoundTrip, rateSkew } from './latencyRating';

describe('latency rating', () => {
  it('rates against 1.5 s', () => {
    expect([rateOneWay(200), rateOneWay(900), rateOneWay(1600)]).toEqual(['green', 'yellow', 'red']);
    expect([rateRoundTrip(1400), rateRoundTrip(2500), rateRoundTrip(3200)]).toEqual(['green', 'yellow', 'red']);
    expect([rateSkew(-60), rateSkew(150), rateSkew(-300)]).toEqual(['green', 'yellow', 'red']);
  });
});
