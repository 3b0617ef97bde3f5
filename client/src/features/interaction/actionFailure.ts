import { LessonError } from '@shared';
import type { MessageKey } from '../i18n/messages';
import { errorMessageKey } from '../i18n/translate';

/**
 * The message for a failed interaction request. Requests reject with a LessonError
 * whose code picks the message; the one other failure is having no connection yet.
 */
export function failureMessageKey(failure: unknown): MessageKey {
  return failure instanceof LessonError ? errorMessageKey(failure.code) : 'error.network';
}
