import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = join(tmpdir(), 'tongtang-voices');

/** What a fake microphone plays, looped by Chromium: silence, speech, or beeps of one pitch (told apart in a recording by frequency). */
export type Voice = 'silence' | 'speech' | { toneHz: number };

const sentences =
  '同学们好，我是山坪村小学四年级的同学。我们认为答案是四分之三，因为把一个蛋糕平均分成四份，拿走三份，还剩下一份。老师，我们还想问一个问题。';

/**
 * Makes the WAV file a browser process uses as its microphone
 * (`--use-file-for-fake-audio-capture`): real speech from espeak-ng, so the
 * browser's noise suppression keeps it as it would a pupil's voice, beeps
 * of one pitch, or silence.
 */
export function voiceFile(voice: Voice): string {
  mkdirSync(dir, { recursive: true });
  if (typeof voice === 'object') {
    const file = join(dir, `tone-${voice.toneHz}.wav`);
    // Beeps rather than a steady tone: noise suppression would take a steady one for noise and remove it.
    if (!existsSync(file)) execFileSync('sox', ['-n', '-r', '48000', '-c', '1', '-b', '16', file, 'synth', '0.3', 'sine', String(voice.toneHz), 'fade', '0.02', '0.3', '0.02', 'pad', '0', '0.2', 'repeat', '19', 'norm', '-3']);
    return file;
  }
  const file = join(dir, `${voice}.wav`);
  if (existsSync(file)) return file;
  const raw = join(dir, `${voice}-raw.wav`);
  if (voice === 'speech') {
    execFileSync('espeak-ng', ['-v', 'cmn', '-s', '190', '-w', raw, sentences]);
    // Pauses between phrases removed: a pupil answering steadily, so the test
    // measures directing, not where the looped file happens to pause.
    execFileSync('sox', [raw, '-r', '48000', '-c', '1', '-b', '16', file, 'silence', '-l', '1', '0.05', '1%', '-1', '0.05', '1%', 'norm', '-3']);
  } else {
    execFileSync('sox', ['-n', '-r', '48000', '-c', '1', '-b', '16', file, 'trim', '0', '10']);
  }
  return file;
}
