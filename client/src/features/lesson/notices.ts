import { serverNoticeSchema, type NoticeOf, type ServerNotice } from '@shared';

type NoticeType = ServerNotice['type'];
type Handler = (notice: ServerNotice) => void;

const handlers = new Map<NoticeType, Set<Handler>>();

/**
 * Registers what a feature does with one kind of server notice (the media
 * subscriber with trackPublished, the interaction store with handsChanged …),
 * so nothing central needs a case per notice. Returns the function that
 * unregisters it, for handlers that live only while a component is mounted.
 */
export function onNotice<T extends NoticeType>(type: T, handler: (notice: NoticeOf<T>) => void): () => void {
  const forType = handlers.get(type) ?? new Set<Handler>();
  handlers.set(type, forType);
  // Only ever called with a notice of this type (see dispatchNotice), so the narrower handler is safe here.
  const general = handler as Handler;
  forType.add(general);
  return () => {
    forType.delete(general);
  };
}

/** Validates one notice from the server and hands it to every handler registered for its type. */
export function dispatchNotice(raw: unknown): void {
  const parsed = serverNoticeSchema.safeParse(raw);
  if (!parsed.success) {
    console.warn('unexpected notice from the server', raw);
    return;
  }
  for (const handler of handlers.get(parsed.data.type) ?? []) handler(parsed.data);
}
