/**
 * Libraries grouped into chunks of their own: their hashes change only when
 * the library does, so a classroom PC keeps them cached across our releases.
 * React DOM is apart from React: the join needs React (the stores use it)
 * but not React DOM, and must not wait for it to be parsed.
 */
const families: Record<string, string[]> = {
  'react-dom': ['react-dom', 'scheduler'],
  react: ['react', 'zustand', 'use-sync-external-store'],
  'mediasoup-client': ['mediasoup-client', 'awaitqueue', 'events-alias', 'fake-mediastreamtrack', 'h264-profile-level-id', 'sdp-transform'],
  'socket.io-client': ['socket.io-client', 'engine.io-client', 'engine.io-parser', 'socket.io-parser', '@socket.io/component-emitter'],
  zod: ['zod'],
  // Only the report pages draw charts: a lesson page never loads it.
  'chart.js': ['chart.js', '@kurkle/color'],
  // Only the viewers' page of a broadcast plays HLS.
  'hls.js': ['hls.js'],
};

const chunkOfPackage = new Map(Object.entries(families).flatMap(([chunk, packages]) => packages.map((name) => [name, chunk] as const)));

/** The vendor chunk of a module id, or null for the project's own code; a library of no family goes with the family that imports it (or into `vendor`). */
export function vendorChunk(moduleId: string): string | null {
  const match = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(moduleId);
  if (!match?.[1]) return null;
  return chunkOfPackage.get(match[1].replace('\\', '/')) ?? 'vendor';
}
