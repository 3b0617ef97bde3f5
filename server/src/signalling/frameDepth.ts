/**
 * How deeply the JSON text of a frame nests, read character by character
 * without parsing, so a hostile frame is measured before anything recursive
 * (JSON.parse's consumers, Socket.IO's binary reconstruction, zod, mediasoup's
 * validators) walks it. Stops counting as soon as `limit` is passed.
 */
export function nestingExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > limit) return true;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--;
  }
  return false;
}
