import type { Page } from '@playwright/test';

/** The selected candidate pair of each of the page's peer connections (window.__relayPeers), as getStats reports it. */
export async function selectedPaths(page: Page): Promise<Array<{ localType: string; relayProtocol: string | null; remoteAddress: string; bytesReceived: number }>> {
  return page.evaluate(async () => {
    const peers = (window as unknown as { __relayPeers: RTCPeerConnection[] }).__relayPeers;
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
        relayProtocol: (local['relayProtocol'] as string | undefined) ?? null,
        remoteAddress: `${String(remote['address'])}:${String(remote['port'])}`,
        bytesReceived: Number(pair?.['bytesReceived'] ?? 0),
      });
    }
    return paths;
  });
}
