/** How often the audio observer reports who is loud; each report covers the interval before it. */
export const OBSERVER_INTERVAL_MS = 250;
/**
 * A new speaker must stay the loudest this long before the view moves. Reports
 * come every interval, so a noise shorter than CONFIRM_MS − OBSERVER_INTERVAL_MS
 * (0.5 s: a cough) can never move the view.
 */
export const CONFIRM_MS = 750;
/** After any switch the view stays at least this long, so it never flaps. */
export const HOLD_MS = 2000;
/** Pauses between words shorter than this (as seen through the 250 ms observer) do not restart the confirm time. */
export const GAP_MS = 1000;

/**
 * Decides when automatic directing moves the main view, from the loudest
 * eligible speaker reported every audio interval. Pure, so it is tested
 * without audio.
 */
export class SpeakerSwitch {
  private candidate: { id: string; since: number; lastHeard: number } | null = null;
  private lastSwitch = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly confirmMs = CONFIRM_MS,
    private readonly holdMs = HOLD_MS,
    private readonly gapMs = GAP_MS,
  ) {}

  /** Records that the view just changed for another reason (floor granted, pin). */
  switched(now: number): void {
    this.lastSwitch = now;
    this.candidate = null;
  }

  /**
   * Feeds the loudest eligible speaker (null in silence) and the current main
   * view; returns who to switch to now, or null to stay.
   */
  feed(loudest: string | null, current: string, now: number): string | null {
    if (this.candidate && now - this.candidate.lastHeard > this.gapMs) this.candidate = null;
    if (loudest === current) this.candidate = null;
    if (loudest === null || loudest === current) return null;
    if (this.candidate?.id !== loudest) this.candidate = { id: loudest, since: now, lastHeard: now };
    this.candidate.lastHeard = now;
    if (now - this.candidate.since < this.confirmMs || now - this.lastSwitch < this.holdMs) return null;
    this.switched(now);
    return loudest;
  }
}
