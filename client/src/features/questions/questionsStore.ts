import { create } from 'zustand';
import type { QuestionsView, ViewerQuestion } from '@shared';
import { onNotice } from '../lesson/notices';

/*
 * 观众提问, mirrored from the server: whether viewers may ask, the question
 * on every screen, and (the teacher's page only) the ones waiting for her.
 * Registered with the join (joinLesson imports this), so a question shown
 * right after the join reply is not missed while a page's code loads.
 */
export const useQuestionsStore = create<QuestionsView>(() => ({ open: false, shown: null, waiting: [] }));

/** Replaces everything with what the server sent on (re)join. */
export function resetQuestions(view: QuestionsView): void {
  useQuestionsStore.setState({ open: view.open, shown: view.shown, waiting: view.waiting });
}

const without = (waiting: ViewerQuestion[], questionId: string): ViewerQuestion[] => waiting.filter((q) => q.id !== questionId);

onNotice('questionsSettings', ({ open }) => useQuestionsStore.setState({ open }));
onNotice('questionShown', ({ question }) => useQuestionsStore.setState({ shown: question }));
onNotice('questionAsked', ({ question }) =>
  useQuestionsStore.setState((state) => ({ waiting: state.waiting.some((q) => q.id === question.id) ? state.waiting : [...state.waiting, question] })),
);
onNotice('questionRemoved', ({ questionId }) => useQuestionsStore.setState((state) => ({ waiting: without(state.waiting, questionId) })));
