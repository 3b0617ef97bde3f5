import type { Transport } from 'mediasoup-client/types';
import type { IceServer } from '@shared';

/*
 * The relay (TURN) step of the pre-class check: the server's ways in, and
 * how a test transport proves it went through one.
 */

/** Whether a transport's ICE came up within `ms`. */
export function connectedWithin(transport: Transport, ms: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    transport.on('connectionstatechange', (state) => {
      if (state === 'connected') resolve(true);
      else if (state === 'failed' || state === 'closed') resolve(false);
      if (state !== 'new' && state !== 'connecting') clearTimeout(timer);
    });
  });
}

/** Whether the browser's selected candidate pair goes through the relay (its local candidate is a relayed one). */
export async function relayedPair(transport: Transport): Promise<boolean> {
  const stats = [...((await transport.getStats()).values() as Iterable<Record<string, unknown>>)];
  // The transport's own selected pair (Chromium has no `selected` flag on candidate pairs).
  const selectedId = stats.find((s) => s['type'] === 'transport' && s['selectedCandidatePairId'])?.['selectedCandidatePairId'];
  const pair = stats.find((s) => s['type'] === 'candidate-pair' && (s['id'] === selectedId || (selectedId === undefined && s['nominated'] === true && s['state'] === 'succeeded')));
  const local = stats.find((s) => s['type'] === 'local-candidate' && s['id'] === pair?.['localCandidateId']);
  return local?.['candidateType'] === 'relay';
}

/** The relay's ways in, one ICE server each, from the server's `turn:`/`turns:` URLs. */
export function relayWays(iceServers: IceServer[]): Array<{ kind: 'udp' | 'tcp' | 'tls'; server: IceServer }> {
  const ways: Array<{ kind: 'udp' | 'tcp' | 'tls'; server: IceServer }> = [];
  for (const server of iceServers) {
    for (const url of typeof server.urls === 'string' ? [server.urls] : server.urls) {
      const kind = url.startsWith('turns:') ? 'tls' : /[?&]transport=tcp/.test(url) ? 'tcp' : url.startsWith('turn:') ? 'udp' : null;
      if (kind && !ways.some((w) => w.kind === kind)) ways.push({ kind, server: { ...server, urls: [url] } });
    }
  }
  const order = { udp: 0, tcp: 1, tls: 2 };
  return ways.sort((a, b) => order[a.kind] - order[b.kind]);
}

/** The relay's ports for the advice, e.g. "UDP/TCP 3478、TLS 5349"; null without a relay. */
export function relayPorts(iceServers: IceServer[]): string | null {
  const port = (kind: string): string | undefined => {
    const way = relayWays(iceServers).find((w) => w.kind === kind);
    const url = way ? (typeof way.server.urls === 'string' ? way.server.urls : way.server.urls[0]) : undefined;
    return url ? /:(\d+)(\?|$)/.exec(url)?.[1] : undefined;
  };
  const plain = port('udp') ?? port('tcp');
  const tls = port('tls');
  if (!plain && !tls) return null;
  return [plain ? `UDP/TCP ${plain}` : null, tls ? `TLS ${tls}` : null].filter(Boolean).join('、');
}
