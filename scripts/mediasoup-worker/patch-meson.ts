/**
 * Rewrites the mediasoup 3.12.16 worker's meson files so the worker links
 * Debian 12's own libraries instead of subprojects that meson would fetch from
 * the web (which this machine cannot reach). Fails loudly if a pattern is not
 * found, so a mediasoup upgrade cannot silently produce a different build.
 *
 * Usage: tsx patch-meson.ts <worker-dir>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const workerDir = process.argv[2] ?? '';
if (!workerDir) throw new TypeError('usage: patch-meson.ts <worker-dir>');

/** The system dependencies that replace the seven subprojects. */
const systemDependencies = `openssl_dep = dependency('openssl')
nlohmann_json_dep = dependency('nlohmann_json')
libuv_dep = dependency('libuv')
libsrtp2_pc = dependency('libsrtp2')
# Debian's libsrtp2.pc gives -I/usr/include but the worker includes <srtp.h>.
libsrtp2_dep = declare_dependency(
  dependencies: libsrtp2_pc,
  compile_args: ['-I' + libsrtp2_pc.get_variable(pkgconfig: 'includedir') / 'srtp2'],
)
usrsctp_dep = dependency('usrsctp')
# One dependency() per module: a list would mean "fallback names".
absl_container_dep = declare_dependency(dependencies: [
  dependency('absl_flat_hash_map'),
  dependency('absl_flat_hash_set'),
  dependency('absl_btree'),
  dependency('absl_inlined_vector'),
  dependency('absl_memory'),
])
absl_strings_dep = dependency('absl_strings')
absl_types_dep = dependency('absl_optional')
catch2_dep = declare_dependency()
`;

type Replacement = string | ((match: string, ...groups: string[]) => string);

function edit(file: string, steps: Array<[RegExp | string, Replacement]>): void {
  const path = join(workerDir, file);
  let text = readFileSync(path, 'utf8');
  for (const [pattern, replacement] of steps) {
    const before = text;
    text =
      typeof pattern === 'string'
        ? text.split(pattern).join(replacement as string)
        : text.replace(pattern, replacement as (match: string, ...groups: string[]) => string);
    if (text === before) throw new Error(`${file}: pattern not found: ${String(pattern)}`);
  }
  writeFileSync(path, text);
}

const projVariable = /(\w+)_proj\.get_variable\('(\w+)'\)/g;

edit('meson.build', [
  ["meson_version: '>= 1.1.0'", "meson_version: '>= 1.0.0'"],
  [/openssl_proj = subproject\([\s\S]*?\ncatch2_proj = subproject\([\s\S]*?\n\)\n/, systemDependencies],
  [/link_whole = \[[\s\S]*?\]/, 'link_whole = [\n  libwebrtc,\n]'],
  [projVariable, (_match, _project, variable) => variable ?? ''],
]);
edit('deps/libwebrtc/meson.build', [
  [/abseil_cpp_proj = subproject\([\s\S]*?\n\)\n/, ''],
  [projVariable, (_match, _project, variable) => variable ?? ''],
]);
console.log('[mediasoup-worker] meson files patched for Debian system libraries');
