import { z } from 'zod';

/*
 * 直播输出: a live broadcast's program (the picture the classrooms see large
 * and what they hear) as HLS for any number of viewers behind a web server
 * or CDN, and pushed over RTMP to a regional platform.
 */

const runStatusSchema = z.object({
  /** starting → running (media written) → retrying after an exit → starting …; stopped at the end. */
  state: z.enum(['starting', 'running', 'retrying', 'stopped']),
  restarts: z.number(),
  lastError: z.string().nullable(),
  since: z.number(),
});

export const liveOutputStatusSchema = z.object({
  hls: runStatusSchema.extend({ playlist: z.boolean() }),
  /** The push, when the broadcast has a target: its address with the stream key hidden. */
  rtmp: runStatusSchema.extend({ target: z.string() }).nullable(),
  /** The producer whose picture is on the program now. */
  showing: z.string().nullable(),
});
export type LiveOutputStatus = z.infer<typeof liveOutputStatusSchema>;

export const broadcastOutputSchema = z.object({
  /** The viewers' page (HLS in any browser); its address is the key, so share it only with the audience. */
  watchUrl: z.string(),
  /** The playlist itself, for a CDN or a player of one's own. */
  playlistUrl: z.string(),
  /** Where the program is pushed, the stream key hidden; null: no push. */
  rtmpTarget: z.string().nullable(),
  /** While the broadcast is live on this server; null otherwise. */
  status: liveOutputStatusSchema.nullable(),
});
export type BroadcastOutput = z.infer<typeof broadcastOutputSchema>;

/** An RTMP push address: rtmp:// or rtmps://, a host, an application path and the stream key; nothing a shell or ffmpeg reads as an option. */
export const rtmpUrlSchema = z
  .string()
  .max(500)
  .regex(/^rtmps?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?\/[A-Za-z0-9._~\-/]+(\?[A-Za-z0-9._~\-=&%]*)?$/, 'an rtmp:// or rtmps:// address with a path, e.g. rtmp://live.example.cn/app/streamkey');

export const setBroadcastOutputSchema = z.object({ rtmpUrl: rtmpUrlSchema.nullable() }).strict();
