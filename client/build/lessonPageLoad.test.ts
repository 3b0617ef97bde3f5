import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Manifest } from 'vite';

/*
 * What a lesson page loads first, read from the built client (scripts/setup.sh
 * builds it): the chunks, from Vite's manifest, and the modules in each chunk,
 * from its source map.
 */
const dist = fileURLToPath(new URL('../dist/', import.meta.url));

/** The code that runs before the join starts (entry and its static imports) stays under this; the whole bundle in one was 700 KB. */
const BEFORE_JOIN_BOUND_KB = 450;

/** Code a lesson's first picture does not need: each must be in the build, and in none of the chunks a lesson page loads first. */
const deferred = [
  'features/precheck/PrecheckPage.tsx',
  'features/precheck/precheckService.ts',
  'features/latency/latencyProbe.ts',
  'features/latency/LatencyPanel.tsx',
  'features/quality/QualityPanel.tsx',
  'features/chat/ChatPanel.tsx',
  'features/devices/DeviceSettingsDialog.tsx',
  'features/home/HomePage.tsx',
  // The account pages, and the QR code library only the admin page draws with.
  'features/login/LoginPage.tsx',
  'features/admin/AdminPage.tsx',
  'features/teach/TeachPage.tsx',
  'features/terminal/TerminalPage.tsx',
  'features/watch/WatchPage.tsx',
  'features/accounts/dictionary.ts',
  'node_modules/qrcode/lib/browser.js',
];

function built(): { manifest: Manifest; html: string } {
  if (!existsSync(`${dist}.vite/manifest.json`)) throw new Error('client/dist has no manifest: run scripts/setup.sh --for-tests (or npm run build:client)');
  return { manifest: JSON.parse(readFileSync(`${dist}.vite/manifest.json`, 'utf8')) as Manifest, html: readFileSync(`${dist}index.html`, 'utf8') };
}

/** The files of the given chunks and of every chunk they import statically. */
function withStaticImports(manifest: Manifest, files: string[]): Set<string> {
  const byFile = new Map(Object.values(manifest).map((chunk) => [chunk.file, chunk]));
  const found = new Set<string>();
  const visit = (file: string): void => {
    if (found.has(file)) return;
    found.add(file);
    for (const key of byFile.get(file)?.imports ?? []) visit(manifest[key]!.file);
  };
  files.forEach(visit);
  return found;
}

/** The source modules bundled into a chunk, as paths under client/src (node_modules kept as they are); a chunk without a map (the bundler's runtime, the entry's facade) has none of ours. */
const modulesOf = (file: string): string[] =>
  existsSync(`${dist}${file}.map`)
    ? (JSON.parse(readFileSync(`${dist}${file}.map`, 'utf8')) as { sources: string[] }).sources.map((source) => source.replace(/^(\.\.\/)+(src\/)?/, ''))
    : [];

const kilobytes = (files: Iterable<string>): number => [...files].reduce((sum, file) => sum + statSync(`${dist}${file}`).size, 0) / 1024;

describe('what a lesson page loads first', () => {
  const { manifest, html } = built();
  const entry = Object.values(manifest).find((chunk) => chunk.isEntry)!;
  const beforeJoin = withStaticImports(manifest, [entry.file]);
  // Everything index.html makes the browser fetch at once: the entry and the modulepreload links.
  const linked = [...html.matchAll(/<(?:script type="module"|link rel="modulepreload")[^>]*(?:src|href)="\/([^"]+\.js)"/g)].map((match) => match[1]!);
  const initial = withStaticImports(manifest, linked);

  it(`runs the join after less than ${BEFORE_JOIN_BOUND_KB} KB of script, without React DOM or either lesson page`, () => {
    const modules = [...beforeJoin].flatMap(modulesOf);
    expect(modules).toContain('features/join/joinLesson.ts');
    expect(modules.filter((module) => module.includes('node_modules/react-dom/'))).toEqual([]);
    expect(modules).not.toContain('features/teacher/TeacherPage.tsx');
    expect(modules).not.toContain('features/classroom/ClassroomPage.tsx');
    expect(kilobytes(beforeJoin)).toBeLessThan(BEFORE_JOIN_BOUND_KB);
  });

  it('preloads both lesson pages and React DOM, so their chunks arrive while the join runs', () => {
    const modules = [...initial].flatMap(modulesOf);
    expect(modules).toContain('features/teacher/TeacherPage.tsx');
    expect(modules).toContain('features/classroom/ClassroomPage.tsx');
    expect(modules.some((module) => module.includes('node_modules/react-dom/'))).toBe(true);
  });

  it('leaves the pre-class check, the latency check, the quality panel, chat, device settings, the home page and the account pages for later', () => {
    const everywhere = Object.values(manifest).flatMap((chunk) => (chunk.file.endsWith('.js') ? modulesOf(chunk.file) : []));
    const first = new Set([...initial].flatMap(modulesOf));
    for (const module of deferred) {
      expect(everywhere, `${module} is in the build`).toContain(module);
      expect(first.has(module), `${module} is not loaded first`).toBe(false);
    }
  });
});

describe('the compressed copies of the build', () => {
  it('exist beside every script, stylesheet and index.html', () => {
    const files = readdirSync(`${dist}assets`).filter((file) => /\.(js|css)$/.test(file));
    for (const file of ['index.html', ...files.map((file) => `assets/${file}`)]) {
      const size = statSync(`${dist}${file}`).size;
      // Copies that would not be smaller are not written (a few hundred bytes of script).
      if (size < 1024) continue;
      expect(existsSync(`${dist}${file}.br`), `${file}.br`).toBe(true);
      expect(existsSync(`${dist}${file}.gz`), `${file}.gz`).toBe(true);
    }
  });
});
