import { create } from 'zustand';
import type { ChatMessage, FloorState, InteractionView, MainView, RaisedHand, Stage } from '@shared';

/** Hands, floor, main view, chat and who is speaking: plain data, mirrored from the server's notices. */
export interface InteractionState {
  hands: RaisedHand[];
  floor: FloorState;
  mainView: MainView;
  /** What every classroom screen shows (导播), as the server resolved it. */
  stage: Stage;
  chatEnabled: boolean;
  messages: ChatMessage[];
  speaking: string[];
  /** This page muted its own microphone (kept across reconnects). */
  selfMuted: boolean;
}

export const useInteractionStore = create<InteractionState>(() => ({
  hands: [],
  floor: { mode: 'lecture', holders: [], muted: [], maxHolders: 1 },
  mainView: { participantId: 'teacher', reason: 'teacher', pinned: false, microphone: 'teacherMic' },
  stage: { directing: { choice: 'auto', main: null, inset: null }, layout: 'single', main: null, inset: null, changedAt: 0 },
  chatEnabled: true,
  messages: [],
  speaking: [],
  selfMuted: false,
}));

/** Replaces everything with what the server sent on (re)join. */
export function resetInteraction(view: InteractionView): void {
  useInteractionStore.setState({
    hands: view.hands,
    floor: view.floor,
    mainView: view.mainView,
    stage: view.stage,
    chatEnabled: view.chat.enabled,
    messages: view.chat.history,
    speaking: view.speaking,
  });
}
