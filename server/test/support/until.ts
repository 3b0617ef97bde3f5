/** Waits until `check` holds, polling every 200 ms; fails naming `what` after `timeoutMs`. */
export async function until(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !check(); await new Promise((r) => setTimeout(r, 200))) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
  }
}

/** Waits until `read` answers something (not null or false), polling every 300 ms; returns it, or fails naming `what` after `timeoutMs`. */
export async function eventually<T>(what: string, read: () => Promise<T | null | false>, timeoutMs: number): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; ; await new Promise((r) => setTimeout(r, 300))) {
    const value = await read();
    if (value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
  }
}
