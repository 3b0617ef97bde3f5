import { Decoder, Encoder } from 'socket.io-parser';
import { MAX_FRAME_DEPTH } from '@shared';
import { nestingExceeds } from './frameDepth.js';

/** Thrown for a frame no client of ours sends; Socket.IO then closes that one connection. */
export class HostileFrameError extends Error {
  override name = 'HostileFrameError';
}

/**
 * Socket.IO's own parser with two bounds in front of it. A frame nested a few
 * thousand levels deep overflowed the stack of whatever walked it first and
 * ended the whole process; binary attachments (which this protocol never
 * uses) are reconstructed by a recursive walk of their own. Both are refused
 * here, where Socket.IO reads the frame, before any of our code runs.
 */
class BoundedDecoder extends Decoder {
  override add(frame: unknown): void {
    if (typeof frame !== 'string') throw new HostileFrameError('binary frames are not part of this protocol');
    // Packet types 5 and 6 announce binary attachments to follow.
    if (frame.startsWith('5') || frame.startsWith('6')) throw new HostileFrameError('binary packets are not part of this protocol');
    if (nestingExceeds(frame, MAX_FRAME_DEPTH)) throw new HostileFrameError(`frame nested deeper than ${MAX_FRAME_DEPTH}`);
    super.add(frame);
  }
}

/** The `parser` option of the Socket.IO server. */
export const boundedParser = { Encoder, Decoder: BoundedDecoder };
