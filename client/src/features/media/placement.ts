import type { VideoPlace } from '@shared';

const rank: Record<VideoPlace, number> = { hidden: 0, tile: 1, half: 2, main: 3 };

/**
 * Where each received video is shown on this page, gathered from the tiles
 * that are mounted: a picture shown twice (large and as a tile) needs the
 * larger place's layer, and a picture no tile shows is hidden — paused at the
 * SFU. Changes are settled after the current render (a tile moving from the
 * strip to the main view unmounts and mounts in one commit), so the server
 * hears one change, not hidden-then-main.
 */
export class Placement {
  private readonly shown = new Map<string, Map<number, VideoPlace>>();
  private readonly sent = new Map<string, VideoPlace>();
  private nextToken = 1;
  private flushScheduled = false;

  constructor(
    private readonly onChange: (producerId: string, place: VideoPlace) => void,
    private readonly schedule: (flush: () => void) => void = (flush) => setTimeout(flush, 0),
  ) {}

  /** A tile shows the picture at a place; returns the function that takes it off. */
  show(producerId: string, place: VideoPlace): () => void {
    const token = this.nextToken++;
    const places = this.shown.get(producerId) ?? new Map<number, VideoPlace>();
    places.set(token, place);
    this.shown.set(producerId, places);
    this.scheduleFlush();
    return () => {
      places.delete(token);
      if (places.size === 0) this.shown.delete(producerId);
      this.scheduleFlush();
    };
  }

  /** The place a picture needs now: the largest any tile shows it at, or hidden. */
  placeOf(producerId: string): VideoPlace {
    let best: VideoPlace = 'hidden';
    for (const place of this.shown.get(producerId)?.values() ?? []) if (rank[place] > rank[best]) best = place;
    return best;
  }

  /**
   * Records the place a new consumer was created with. A tile may have
   * mounted while the consumer was being created (its place then went
   * nowhere), so the settled place is compared again.
   */
  created(producerId: string, place: VideoPlace): void {
    this.sent.set(producerId, place);
    this.scheduleFlush();
  }

  /** The consumer is gone (its producer closed, or the page reconnects). */
  forget(producerId: string): void {
    this.sent.delete(producerId);
  }

  /** Tells every picture's place again (a change may have been lost with a dropped connection). */
  resend(): void {
    for (const producerId of this.sent.keys()) {
      const place = this.placeOf(producerId);
      this.sent.set(producerId, place);
      this.onChange(producerId, place);
    }
  }

  forgetAll(): void {
    this.sent.clear();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    this.schedule(() => {
      this.flushScheduled = false;
      for (const [producerId, sent] of this.sent) {
        const place = this.placeOf(producerId);
        if (place === sent) continue;
        this.sent.set(producerId, place);
        this.onChange(producerId, place);
      }
    });
  }
}
