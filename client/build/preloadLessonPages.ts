import type { Plugin, Rolldown } from 'vite';

type OutputChunk = Rolldown.OutputChunk;

/** Vite's `base`: the server serves the client from its root. */
const base = '/';

/** The modules a lesson page needs for its first picture beyond the entry: showPage (with React DOM) and the two lesson pages. */
const lessonModules = [/[\\/]src[\\/]showPage\.tsx$/, /[\\/]features[\\/]teacher[\\/]TeacherPage\.tsx$/, /[\\/]features[\\/]classroom[\\/]ClassroomPage\.tsx$/];

/**
 * Adds `<link rel="modulepreload">` (and the stylesheets) of the lesson
 * pages' chunks to index.html. They are imported dynamically, after the
 * entry has started the join; without these links the browser would ask for
 * them only then, one round trip later on a school's line. The pre-class
 * check and the home page are not preloaded: a lesson link does not show them.
 */
export function preloadLessonPages(): Plugin {
  return {
    name: 'tongtang:preload-lesson-pages',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const bundle = context.bundle;
        if (!bundle) return html;
        const chunks = lessonChunks(bundle);
        const scripts = [...chunks].filter((chunk) => !html.includes(chunk.fileName)).map((chunk) => chunk.fileName);
        const styles = [...chunks].flatMap((chunk) => [...(chunk.viteMetadata?.importedCss ?? [])]).filter((file) => !html.includes(file));
        return [
          ...scripts.map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: base + file }, injectTo: 'head' as const })),
          ...[...new Set(styles)].map((file) => ({ tag: 'link', attrs: { rel: 'stylesheet', crossorigin: true, href: base + file }, injectTo: 'head' as const })),
        ];
      },
    },
  };
}

/** The chunks of the lesson modules and every chunk they import statically. */
function lessonChunks(bundle: Rolldown.OutputBundle): Set<OutputChunk> {
  const all = Object.values(bundle).filter((output): output is OutputChunk => output.type === 'chunk');
  const byFile = new Map(all.map((chunk) => [chunk.fileName, chunk]));
  const found = new Set<OutputChunk>();
  const add = (chunk: OutputChunk | undefined): void => {
    if (!chunk || found.has(chunk)) return;
    found.add(chunk);
    for (const file of chunk.imports) add(byFile.get(file));
  };
  for (const chunk of all) if (chunk.facadeModuleId && lessonModules.some((module) => module.test(chunk.facadeModuleId!))) add(chunk);
  return found;
}
