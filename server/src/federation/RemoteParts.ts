import type { Participant, PublishedTrack } from '@shared';

/**
 * What of a lesson lives on other servers, as this server knows it: their
 * visible participants and the tracks they publish, each with the server
 * whose pages they are. Filled from Redis when the lesson opens here, then
 * kept by the other servers' notices on the lesson's bus.
 */
export class RemoteParts {
  readonly participants = new Map<string, { view: Participant; serverId: string }>();
  readonly tracks = new Map<string, { track: PublishedTrack; serverId: string }>();

  /** Everything one server had: it left (the roster says so), and its pages with it. */
  dropServer(serverId: string): { participants: string[]; tracks: string[] } {
    const gone = { participants: [] as string[], tracks: [] as string[] };
    for (const [id, entry] of this.tracks) if (entry.serverId === serverId) gone.tracks.push(id);
    for (const [id, entry] of this.participants) if (entry.serverId === serverId) gone.participants.push(id);
    for (const id of gone.tracks) this.tracks.delete(id);
    for (const id of gone.participants) this.participants.delete(id);
    return gone;
  }

  /** A participant left on its server: its tracks went first (their own notices), any left are dropped too. */
  dropParticipant(participantId: string): string[] {
    this.participants.delete(participantId);
    const tracks = [...this.tracks].filter(([, entry]) => entry.track.participantId === participantId).map(([id]) => id);
    for (const id of tracks) this.tracks.delete(id);
    return tracks;
  }
}
