import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Router } from 'express';
import { HLS_KEY } from '../features/broadcast/output/LiveOutputs.js';
import type { Services } from '../features/context.js';

/** What an HLS folder holds: the playlist and its numbered segments, nothing else. */
const FILE = /^(index\.m3u8|seg-\d{6}\.ts)$/;

/**
 * A live broadcast's HLS (直播输出), for hls.js, a phone's native player or a
 * CDN in front: `/api/media/live/:key/index.m3u8` and its segments. The key
 * is the address's secret (128 random bits, per broadcast): anyone who has
 * the address may watch, as with a stream key — which is what lets a CDN or
 * a school's web server cache and fan it out without sessions. The playlist
 * is never cached (it changes every second); a segment never changes.
 */
export function liveFiles(services: Services): Router {
  const router = express.Router();
  router.get('/:key/:file', (req, res) => {
    const { key, file } = req.params;
    const folder = HLS_KEY.test(key) ? services.liveOutputs.folderOf(key) : null;
    const path = folder && FILE.test(file) ? join(folder, file) : null;
    if (!path || !existsSync(path)) {
      res.status(404).json({ ok: false, error: { code: 'NOT_FOUND', message: 'no such live stream, or it is not on air' } });
      return;
    }
    const playlist = file.endsWith('.m3u8');
    res.setHeader('Cache-Control', playlist ? 'no-cache' : 'public, max-age=60');
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.type(playlist ? 'application/vnd.apple.mpegurl' : 'video/mp2t');
    res.sendFile(path, (error) => {
      // A segment deleted between the check and the read (the window moved on): the player asks for the next.
      if (error && !res.headersSent) res.status(404).end();
    });
  });
  return router;
}
