import { z } from 'zod';
import type { QuestionsView } from './questions.js';
import type { AudioSource } from './media.js';
import type { Stage } from './stage.js';

/** A raised hand in the lesson's one queue across all schools, oldest first. */
export interface RaisedHand {
  /** Whose hand: a classroom terminal or a student device. */
  participantId: string;
  schoolName: string;
  classroomName: string;
  /** Typed or picked by the assistant teacher; empty when the whole class asks. */
  studentName: string;
  raisedAt: number;
}

/**
 * Who may speak. Lecture (授课): only the teacher and the floor holders'
 * microphones reach others. Discussion (讨论): every classroom microphone is
 * open. A muted classroom stays silent in both until the teacher grants it
 * the floor.
 */
export interface FloorState {
  mode: 'lecture' | 'discussion';
  holders: string[];
  muted: string[];
  maxHolders: number;
}

/**
 * The floor rule, one for server and pages: whether a participant's
 * microphone may reach the others. The teacher (participant id `teacher`)
 * always may.
 */
export function mayBeHeard(participantId: string, floor: FloorState): boolean {
  if (participantId === 'teacher') return true;
  if (floor.muted.includes(participantId)) return false;
  return floor.mode === 'discussion' || floor.holders.includes(participantId);
}

/** What fills every classroom's main view, and why. */
export interface MainView {
  participantId: string;
  reason: 'teacher' | 'floor' | 'speaker' | 'pinned';
  pinned: boolean;
  /** The microphone that was heard: a classroom's student microphone puts its student camera on screen. */
  microphone: AudioSource | null;
}

export interface ChatMessage {
  id: string;
  participantId: string;
  senderName: string;
  text: string;
  sentAt: number;
}

/** Everything of the interaction a page needs when it (re)joins. */
export interface InteractionView {
  hands: RaisedHand[];
  floor: FloorState;
  mainView: MainView;
  stage: Stage;
  chat: { enabled: boolean; history: ChatMessage[] };
  speaking: string[];
  /** 观众提问 (a broadcast's viewers' questions). */
  questions: QuestionsView;
}

/** Longest chat message, in characters. */
export const MAX_CHAT_LENGTH = 300;
/** Chat history kept per lesson. */
export const CHAT_HISTORY = 500;

/** Longest student name the assistant teacher can type beside 举手. */
export const MAX_STUDENT_NAME = 20;

export const studentNameSchema = z.string().trim().max(MAX_STUDENT_NAME);
export const chatTextSchema = z.string().trim().min(1, 'empty message').max(MAX_CHAT_LENGTH, `at most ${MAX_CHAT_LENGTH} characters`);
