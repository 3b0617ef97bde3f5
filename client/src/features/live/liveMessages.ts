import { commonMessages, type CommonKey } from '../accounts/commonMessages';
import { joinDictionaries, type Dictionary, type PageTranslate } from '../accounts/dictionary';

const zh = {
  'live.title': '名师直播',
  'live.notFound': '没有这个直播，或者它已经结束。',
  'live.waiting': '直播还没开始，开始后这里会自动播放。',
  'live.unmute': '点击开启声音',
  'live.onAir': '直播中',
  'live.by': '{teacher} · {school}',
  'live.trouble': '画面暂时中断，正在重新连接…',
  'live.realtime': '实时观看（延迟更低）',
  'live.realtimeFailed': '现在不能实时观看：{message}',
} as const;

const en: Record<keyof typeof zh, string> = {
  'live.title': 'Live lesson',
  'live.notFound': 'No such broadcast, or it has ended.',
  'live.waiting': 'The broadcast has not started yet; it plays here by itself once it does.',
  'live.unmute': 'Tap for sound',
  'live.onAir': 'Live',
  'live.by': '{teacher} · {school}',
  'live.trouble': 'The picture stopped for a moment; reconnecting…',
  'live.realtime': 'Watch in real time (less delay)',
  'live.realtimeFailed': 'Real-time watching is not possible now: {message}',
};

export type LiveKey = keyof typeof zh;
export const liveDictionary = joinDictionaries<LiveKey, CommonKey>({ 'zh-CN': zh, en } satisfies Dictionary<LiveKey>, commonMessages);
export type LiveTranslate = PageTranslate<LiveKey | CommonKey>;
