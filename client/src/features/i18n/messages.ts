import { en } from './messagesEn';
import { zhCN, type MessageKey } from './messagesZh';

/** The languages the interface speaks; zh-CN first, because the classrooms read Chinese. */
export type Locale = 'zh-CN' | 'en';

export type { MessageKey };

export const messages: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };
