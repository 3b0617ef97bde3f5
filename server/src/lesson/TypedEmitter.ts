import { EventEmitter } from 'node:events';

/** An event map in mediasoup's style: event name → listener arguments. */
export type EventMap = Record<string, unknown[]>;

/**
 * An emitter typed from its event map. A listener that throws is logged by
 * the owner's `onListenerError` and does not stop the other listeners or the
 * caller: one feature's bug must not break the lesson's join or leave.
 */
export class TypedEmitter<Events extends EventMap> {
  private readonly emitter = new EventEmitter({ captureRejections: false });

  constructor(private readonly onListenerError: (event: string, error: unknown) => void) {
    // Features and tests subscribe; more than ten is normal, not a leak.
    this.emitter.setMaxListeners(50);
  }

  on<K extends keyof Events & string>(event: K, listener: (...args: Events[K]) => void): () => void {
    const guarded = (...args: unknown[]): void => {
      try {
        listener(...(args as Events[K]));
      } catch (error) {
        this.onListenerError(event, error);
      }
    };
    this.emitter.on(event, guarded);
    return () => void this.emitter.off(event, guarded);
  }

  emit<K extends keyof Events & string>(event: K, ...args: Events[K]): void {
    this.emitter.emit(event, ...args);
  }

  removeAllListeners(): void {
    this.emitter.removeAllListeners();
  }
}
