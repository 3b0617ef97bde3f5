import { create } from 'zustand';
import { CHAT_HISTORY, type ChatMessage, type FloorState, type InteractionView, type MainView, type RaisedHand, type Stage } from '@shared';
import { onNotice } from '../lesson/notices';

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

/** Interaction state; the server's notices keep it current (see the end of this file). */
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

// Mirrored from the server as it announces each change.
onNotice('handsChanged', ({ hands }) => useInteractionStore.setState({ hands }));
onNotice('floorChanged', ({ floor }) => useInteractionStore.setState({ floor }));
onNotice('mainViewChanged', ({ mainView }) => useInteractionStore.setState({ mainView }));
onNotice('stageChanged', ({ stage }) => useInteractionStore.setState({ stage }));
onNotice('speakingChanged', ({ speaking }) => useInteractionStore.setState({ speaking }));
onNotice('chatMessage', ({ message }) => useInteractionStore.setState((state) => ({ messages: [...state.messages, message].slice(-CHAT_HISTORY) })));
onNotice('chatSettings', ({ enabled }) => useInteractionStore.setState({ chatEnabled: enabled }));
