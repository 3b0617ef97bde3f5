import { ErrorCode, LessonError } from '@shared';
import { types } from 'mediasoup';

/**
 * Hands a client's own parameters (RTP, DTLS, capabilities) to mediasoup.
 * mediasoup rejects bad ones with a TypeError, which is the client's fault
 * and answers BAD_REQUEST; anywhere else a TypeError is our bug (INTERNAL).
 */
export async function fromClient<T>(call: () => Promise<T> | T): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof TypeError) throw new LessonError(ErrorCode.BadRequest, `bad parameters: ${error.message}`);
    throw error;
  }
}

/**
 * Runs a worker request on a media object that may close under it (a sender
 * left while a receiver resumed its picture). If it closed — or `gone` says
 * what it depends on did: the worker closes a consumer with its producer
 * before Node hears of it — the caller is told NOT_FOUND, as any later
 * request about it would be.
 */
export async function whileOpen<T>(
  entity: { readonly closed: boolean },
  call: () => Promise<T>,
  gone: () => boolean = () => entity.closed,
): Promise<T> {
  if (entity.closed) throw new LessonError(ErrorCode.NotFound, 'that track or connection has just closed');
  try {
    return await call();
  } catch (error) {
    if (entity.closed || gone() || error instanceof types.InvalidStateError) {
      throw new LessonError(ErrorCode.NotFound, 'that track or connection has just closed');
    }
    throw error;
  }
}

/** No mediasoup worker is running now (every one died and none could be started yet); the pool keeps trying. */
export class MediaUnavailableError extends LessonError {
  constructor() {
    super(ErrorCode.Unavailable, 'the media server of this lesson is restarting; try again shortly');
    this.name = 'MediaUnavailableError';
  }
}
