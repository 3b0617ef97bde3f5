import type { Router } from 'mediasoup/node/lib/Router.js';

/** Media objects as the workers themselves count them. */
export interface MediaCounts {
  routers: number;
  transports: number;
  producers: number;
  consumers: number;
}

/** The part of mediasoup 3.12's `router.dump` we count. */
interface RouterDump {
  transportIds: string[];
  mapProducerIdConsumerIds: Record<string, string[]>;
  mapConsumerIdProducerId: Record<string, string>;
}

/**
 * Counts from the routers' own dumps, not from our maps: a transport we
 * leaked still shows up here. A router that closes meanwhile is left out.
 */
export async function countMedia(routers: Iterable<Router>): Promise<MediaCounts> {
  const counts: MediaCounts = { routers: 0, transports: 0, producers: 0, consumers: 0 };
  for (const router of routers) {
    const dump = (await router.dump().catch(() => null)) as RouterDump | null;
    if (!dump) continue;
    counts.routers++;
    counts.transports += dump.transportIds.length;
    counts.producers += Object.keys(dump.mapProducerIdConsumerIds).length;
    counts.consumers += Object.keys(dump.mapConsumerIdProducerId).length;
  }
  return counts;
}
