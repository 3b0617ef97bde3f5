import type { AckCallback } from './ack.js';
import type { ServerNotice } from './notices.js';
import type { ClientRequest, ResponseMap } from './requests.js';

/** Socket.IO's typed event map, client → server. */
export interface ClientToServerEvents {
  request: (request: ClientRequest, ack: AckCallback<ResponseMap[keyof ResponseMap]>) => void;
}

/** Socket.IO's typed event map, server → client. */
export interface ServerToClientEvents {
  notice: (notice: ServerNotice) => void;
}

/** How long a client waits for a reply before it treats the request as failed. */
export const REQUEST_TIMEOUT_MS = 10_000;
