import { useEffect, useRef } from 'react';
import { joinLesson } from '../lesson/joinLesson';

export interface JoinLink {
  lessonId: string;
  role: 'teacher' | 'classroom';
  classroomId?: string;
  /** The secret part of the teacher's or classroom's link. */
  linkKey: string;
}

/**
 * Joins the lesson once, when the page first mounts. The ref guard matters under
 * React's StrictMode, which runs mount effects twice in development: a second join
 * from the same page would replace the first one on the server.
 */
export function useJoinLesson({ lessonId, role, classroomId, linkKey }: JoinLink): void {
  const joined = useRef(false);
  useEffect(() => {
    if (joined.current) return;
    joined.current = true;
    joinLesson({ lessonId, role, classroomId, key: linkKey });
  }, [lessonId, role, classroomId, linkKey]);
}
