import type { Page } from '@playwright/test';

/** One peer connection's selected candidate pair, as getStats reports it. */
export interface SelectedPath {
  localType: string;
  /** The local candidate's transport to the next hop: udp or tcp (for a relay candidate, to the SFU from the relay). */
  localProtocol: string;
  relayProtocol: string | null;
  remoteAddress: string;
  bytesReceived: number;
}

/**
 * The selected candidate pair of each of the page's peer connections, as kept
 * by a test hook: window.__relayPeers (installRelayOnly) or window.__benchPeers (installPageHooks).
 */
export async function selectedPaths(page: Page, kept: '__relayPeers' | '__benchPeers' = '__relayPeers'): Promise<SelectedPath[]> {
  return page.evaluate(async (kept) => {
    const peers = (window as unknown as Record<string, RTCPeerConnection[]>)[kept] ?? [];
    const paths = [];
    for (const peer of peers.filter((p) => p.connectionState !== 'closed')) {
      const stats = [...(await peer.getStats()).values()] as Array<Record<string, unknown>>;
      const transport = stats.find((s) => s['type'] === 'transport' && s['selectedCandidatePairId']);
      const pair = stats.find((s) => s['id'] === transport?.['selectedCandidatePairId']);
      const local = stats.find((s) => s['id'] === pair?.['localCandidateId']);
      const remote = stats.find((s) => s['id'] === pair?.['remoteCandidateId']);
      if (!local || !remote) continue;
      paths.push({
        localType: String(local['candidateType']),
        localProtocol: String(local['protocol']),
        relayProtocol: (local['relayProtocol'] as string | undefined) ?? null,
        remoteAddress: `${String(remote['address'])}:${String(remote['port'])}`,
        bytesReceived: Number(pair?.['bytesReceived'] ?? 0),
      });
    }
    return paths;
  }, kept);
}
