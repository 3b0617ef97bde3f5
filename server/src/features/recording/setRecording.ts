import type { Handler } from '../context.js';

/**
 * 录制 button, teacher only (the permission table's line comes first, then
 * this check): starts or stops recording the lesson; every page is told
 * (recordingChanged) and shows 录制中 while it runs.
 */
export const setRecording: Handler<'setRecording'> = async (request, session, services) => {
  const { lesson } = session.teacher();
  return services.recordings.setRecording(lesson, request.recording);
};
