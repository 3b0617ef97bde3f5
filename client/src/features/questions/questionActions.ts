import type { ViewerQuestion } from '@shared';
import { send } from '../lesson/connection';
import { useQuestionsStore } from './questionsStore';

export const askQuestion = (text: string): Promise<ViewerQuestion> => send({ type: 'askQuestion', text });

export const setQuestionsOpen = async (open: boolean): Promise<void> => {
  const reply = await send({ type: 'setQuestionsOpen', open });
  useQuestionsStore.setState({ open: reply.open });
};

/** Shows a waiting question on every screen (null takes the shown one down). */
export const showQuestion = async (questionId: string | null): Promise<void> => {
  const reply = await send({ type: 'showQuestion', questionId });
  useQuestionsStore.setState((state) => ({ shown: reply.shown, waiting: state.waiting.filter((q) => q.id !== questionId) }));
};

export const dismissQuestion = async (questionId: string): Promise<void> => {
  await send({ type: 'dismissQuestion', questionId });
  useQuestionsStore.setState((state) => ({ waiting: state.waiting.filter((q) => q.id !== questionId) }));
};
