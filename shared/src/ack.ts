import type { ProtocolError } from './errors.js';

/** The one reply shape of every request. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ProtocolError };

/** The acknowledgement callback Socket.IO hands to a request handler. */
export type AckCallback<T> = (reply: Ack<T>) => void;
