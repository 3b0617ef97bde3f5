import type { Dictionary } from '../accounts/dictionary';

const zh = {
  'watch.badge': '观课 · 只观看',
  'watch.hint': '您在观看这节课：其他人看不到、听不到您。',
  'watch.review': '评分 · 评课',
  'watch.viewerBadge': '直播 · 观众',
  'watch.viewerHint': '您在观看直播：老师只看到观众人数。',
};

const en: Record<keyof typeof zh, string> = {
  'watch.badge': 'Watching only',
  'watch.hint': 'You are watching this lesson: nobody sees or hears you.',
  'watch.review': 'Score · review',
  'watch.viewerBadge': 'Live · viewer',
  'watch.viewerHint': 'You are watching a broadcast: the teacher sees only how many watch.',
};

export type WatchKey = keyof typeof zh;
export const watchMessages: Dictionary<WatchKey> = { 'zh-CN': zh, en };
