import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { PublishedTrack } from '../../shared/src/index.js';

/** A crowd of light viewers running in its own niced process (see viewerCrowd.ts). */
export interface ViewerCrowd {
  viewers: Array<{ participantId: string; tracks: PublishedTrack[] }>;
  /** The crowd's process, whose CPU a bench reads apart from the server's. */
  pid: number;
  /** Bytes each viewer has received so far, by producer. */
  bytes(): Promise<Array<Record<string, number>>>;
  close(): Promise<void>;
}

export async function startViewerCrowd(target: { url: string }, lesson: { lessonId: string; teacherToken: string }, count: number): Promise<ViewerCrowd> {
  const script = fileURLToPath(new URL('./viewerCrowd.ts', import.meta.url));
  const child = spawn('nice', ['-n', '19', process.execPath, '--import', 'tsx', script, target.url, lesson.lessonId, lesson.teacherToken, String(count)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = <T>(key: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const onMessage = (message: Record<string, unknown>) => {
        if (!(key in message)) return;
        child.off('exit', onExit);
        child.off('message', onMessage);
        resolve(message[key] as T);
      };
      const onExit = (code: number | null) => reject(new Error(`the viewer crowd exited (${code}) before answering ${key}`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const viewers = await next<ViewerCrowd['viewers']>('joined');
  return {
    viewers,
    pid: child.pid!,
    bytes: () => {
      const answer = next<Array<Record<string, number>>>('bytes');
      child.send('bytes');
      return answer;
    },
    close: async () => {
      if (child.exitCode !== null) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.send('close');
      const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(kill);
    },
  };
}
