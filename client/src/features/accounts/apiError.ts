import { ErrorCode, LessonError } from '@shared';
import { errorMessageKey } from '../i18n/translate';
import type { CommonKey } from './commonMessages';
import type { PageTranslate } from './dictionary';

/** Codes whose lesson-page wording does not fit an account page. */
const accountWording: Partial<Record<ErrorCode, CommonKey>> = {
  [ErrorCode.NotFound]: 'accounts.error.NOT_FOUND',
  [ErrorCode.Conflict]: 'accounts.error.CONFLICT',
  [ErrorCode.Forbidden]: 'accounts.error.FORBIDDEN',
  [ErrorCode.BadRequest]: 'accounts.error.BAD_REQUEST',
};

/** What a failed API call says to the admin or teacher: by the server's code, never by the text of its message (save a bad field's). */
export function errorText(t: PageTranslate<CommonKey>, error: unknown): string {
  if (!(error instanceof LessonError)) return t('error.INTERNAL');
  const own = accountWording[error.code];
  return own ? t(own, { message: error.message }) : t(errorMessageKey(error.code));
}

/** Whether the page's session is gone (signed out elsewhere, expired, revoked): the page then goes to the login page. */
export const isSignedOut = (error: unknown): boolean =>
  error instanceof LessonError && (error.code === ErrorCode.Unauthorized || error.code === ErrorCode.PasswordChangeRequired);
