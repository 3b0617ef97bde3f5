import { useEffect, useState } from 'react';

/** The current time, refreshed every second while `ticking` (one timer for a whole list, not one per row). */
export function useNow(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    // Also when ticking stops: a render for another reason may stop it between two ticks, and the last
    // tick's time (a countdown's "1 s left") would otherwise stay on screen for good.
    setNow(Date.now());
    if (!ticking) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [ticking]);
  return now;
}
