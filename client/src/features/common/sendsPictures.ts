import { isHiddenRole, type Participant } from '@shared';

/**
 * Whether a participant has pictures of its own in the lesson: the teacher
 * and the classrooms. An observer (a guest, an inspector, an admin looking
 * in) only receives, so it never gets a tile, a grid cell or a place in a count.
 */
export const sendsPictures = (participant: Participant): boolean => !isHiddenRole(participant.role);
