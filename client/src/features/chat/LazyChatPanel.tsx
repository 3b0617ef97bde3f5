import { lazyPart } from '../common/lazyPart';

/** 文字互动, loaded after the page's first picture: neither page needs it to see the lesson. */
export const LazyChatPanel = lazyPart(() => import('./ChatPanel').then((module) => module.ChatPanel));
