import express, { type Request, type Response, type Router } from 'express';
import { ErrorCode, type MediaUrl } from '@shared';
import { can } from '../auth/can.js';
import type { Principal } from '../auth/principal.js';
import { clipById } from '../db/clips.js';
import { libraryRecording } from '../db/library.js';
import { directedPath } from '../features/library/directedView.js';
import type { Services } from '../features/context.js';
import { recordingTarget } from './libraryScope.js';

/*
 * Playing a recording or micro-lesson in a <video> element, on a phone too.
 *
 * Decision: a <video> element cannot send the Authorization header, and the
 * session cookie is Path=/api/auth and SameSite=Strict on purpose (only the
 * sign-in routes read it). So an authorised API call (`POST
 * /api/recordings/:id/play`, `/api/clips/:id/play`, which check
 * `recording.view`) issues a media address with a signed token in its query:
 * scoped to that one file, valid for MEDIA_TOKEN_HOURS, naming its session.
 * Every request of the file checks the token, that its session still lives
 * (signing out, a revoked account end it at once) and `recording.view` again
 * (a pairing removed ends it too). The page sends no Referer (no-referrer)
 * and the token is worthless for any other file.
 *
 * The file is served by Express's sendFile with HTTP range requests (206,
 * Accept-Ranges, If-Range): a phone's player asks for the moov atom and then
 * only the stretch it plays, so seeking never downloads the lesson.
 */

/** How long a media address lasts: a lesson watched with pauses; a page asks for a new one when it expires. */
export const MEDIA_TOKEN_HOURS = 4;

type MediaFile = { kind: 'recording' | 'clip'; id: string };

/** A media address for one file, valid for the principal's session. */
export async function mediaAddress(services: Services, principal: Principal, file: MediaFile): Promise<MediaUrl> {
  const expiresAt = Date.now() + MEDIA_TOKEN_HOURS * 3600_000;
  const token = await services.accounts.sessions.signer.mediaToken({ sid: principal.sessionId, sub: principal.id, media: `${file.kind}:${file.id}` }, expiresAt);
  const name = file.kind === 'recording' ? 'directed.mp4' : 'clip.mp4';
  return { url: `/api/media/${file.kind}/${encodeURIComponent(file.id)}/${name}?m=${encodeURIComponent(token)}`, expiresAt };
}

function refuse(res: Response, status: number, code: ErrorCode, message: string): void {
  res.status(status).json({ ok: false, error: { code, message } });
}

/** GET /api/media/recording/:id/directed.mp4 and /api/media/clip/:id/clip.mp4, with `?m=` a media token. */
export function recordingMedia(services: Services): Router {
  const router = express.Router();
  const serve = (kind: MediaFile['kind']) => async (req: Request, res: Response) => {
    const id = String(req.params['id'] ?? '');
    const token = typeof req.query['m'] === 'string' ? req.query['m'] : '';
    const granted = token ? await services.accounts.sessions.authenticateMedia(token) : null;
    if (!granted) return refuse(res, 401, ErrorCode.Unauthorized, 'this media address has expired or is not valid; open the recording again');
    if (granted.media !== `${kind}:${id}`) return refuse(res, 403, ErrorCode.Forbidden, 'this media address is for another file');
    const clip = kind === 'clip' ? await clipById(services.db, id) : null;
    const recordingId = kind === 'recording' ? id : (clip?.recording_id ?? null);
    const recording = recordingId ? await libraryRecording(services.db, recordingId) : null;
    if (!recording || (kind === 'clip' && clip?.status !== 'ready')) return refuse(res, 404, ErrorCode.NotFound, 'no such recording');
    if (!can(granted.principal, 'recording.view', await recordingTarget(services.db, recording))) return refuse(res, 403, ErrorCode.Forbidden, 'not allowed: recording.view');
    const path = clip ? services.clips.filePath(clip) : directedPath(services.config.recording.dir, recording);
    // Private: a shared cache must not keep what only this session may see. Ranges, If-Range, HEAD: sendFile's.
    res.setHeader('Cache-Control', 'private, max-age=3600');
    res.sendFile(path, { acceptRanges: true, cacheControl: false, dotfiles: 'deny', headers: { 'Content-Type': 'video/mp4' } }, (error?: Error & { status?: number }) => {
      if (!error || res.headersSent) return;
      refuse(res, error.status === 404 ? 404 : 500, error.status === 404 ? ErrorCode.NotFound : ErrorCode.Internal, error.status === 404 ? 'the file is not there' : 'could not send the file');
    });
  };
  router.get('/recording/:id/directed.mp4', serve('recording'));
  router.get('/clip/:id/clip.mp4', serve('clip'));
  return router;
}
