import { openLink, type LinkProfile } from '../../testkit/udpRelay.js';

/**
 * Network profiles of the bench. Each classroom of an impaired profile has
 * its own relay; the teacher (a city school) stays on the direct link. RTT
 * is split evenly over the two directions; loss and rate apply to each
 * direction.
 */
export interface NetworkProfile {
  name: 'loopback' | 'rural' | 'poor';
  /** null: classrooms connect directly, no relay. */
  link: LinkProfile | null;
}

export const profiles: NetworkProfile[] = [
  { name: 'loopback', link: null },
  { name: 'rural', link: { ...openLink, delayMs: 50, lossPct: 2, rateKbps: 2000 } },
  { name: 'poor', link: { ...openLink, delayMs: 150, lossPct: 5, rateKbps: 800 } },
];
