/** Error codes every typed error reply carries; the message is for people. */
export const ErrorCode = {
  /** The payload did not match the request's schema. */
  BadRequest: 'BAD_REQUEST',
  /** The event or request type does not exist. */
  UnknownRequest: 'UNKNOWN_REQUEST',
  /** The payload is larger than any legitimate request. */
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  /** No valid session (not signed in, expired, revoked, a forged token), or a wrong password. */
  Unauthorized: 'UNAUTHORIZED',
  /** Signed in with a password someone else set: it must be changed before anything else. */
  PasswordChangeRequired: 'PASSWORD_CHANGE_REQUIRED',
  /** The client's address is outside what its bureau or school allows (IP filtering). */
  AddressRefused: 'ADDRESS_REFUSED',
  /** Something with that name already exists (a login, a pairing). */
  Conflict: 'CONFLICT',
  /** The caller's role may not do this (e.g. a classroom ending the lesson). */
  Forbidden: 'FORBIDDEN',
  /** A request that needs a joined participant came before joinLesson. */
  NotJoined: 'NOT_JOINED',
  /** The lesson, transport, producer or consumer does not exist (for this caller). */
  NotFound: 'NOT_FOUND',
  /** The lesson has ended; nothing more can be sent. */
  LessonEnded: 'LESSON_ENDED',
  /** Live state (Redis) or the media server is unavailable right now; retry. */
  Unavailable: 'UNAVAILABLE',
  /** The teacher switched chat off for classrooms. */
  ChatClosed: 'CHAT_CLOSED',
  /** The teacher has not opened questions to viewers (观众提问), or closed them. */
  QuestionsClosed: 'QUESTIONS_CLOSED',
  /** Speaking needs the floor, which only the teacher grants. */
  NoFloor: 'NO_FLOOR',
  /** Too many requests from this connection. */
  RateLimited: 'RATE_LIMITED',
  /** One link may hold only so many transports, consumers, producers or checks; this one is beyond it. */
  LimitReached: 'LIMIT_REACHED',
  /** The lesson has as many participants as it admits (LESSON_MAX_PARTICIPANTS). */
  LessonFull: 'LESSON_FULL',
  /** A newer copy of this link joined while this join was under way; the newer one holds the place. */
  Replaced: 'REPLACED',
  /** The place this page held was not kept (its grace period ran out, or the server restarted): join again. */
  ResumeExpired: 'RESUME_EXPIRED',
  /** A bug on the server; logged with details there. */
  Internal: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The error part of a failed reply. */
export interface ProtocolError {
  code: ErrorCode;
  message: string;
}

/** An error that carries a protocol code; thrown by domain code, turned into an ack by the dispatcher. */
export class LessonError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LessonError';
  }
}
