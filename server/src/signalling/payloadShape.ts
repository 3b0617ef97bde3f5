import { MAX_REQUEST_BYTES, MAX_REQUEST_DEPTH, MAX_REQUEST_NODES, type ProtocolError, ErrorCode } from '@shared';

/**
 * Bounds a decoded request before anything walks it recursively (zod,
 * JSON.stringify, mediasoup's validators): depth and number of values are
 * counted with an explicit stack, so no payload can overflow ours. Returns
 * the error to answer with, or null when the request may be parsed.
 */
export function payloadProblem(payload: unknown): ProtocolError | null {
  const stack: Array<{ value: unknown; depth: number }> = [{ value: payload, depth: 1 }];
  let nodes = 0;
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    nodes++;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_REQUEST_DEPTH) return { code: ErrorCode.BadRequest, message: `request nested deeper than ${MAX_REQUEST_DEPTH} levels` };
    const children = Array.isArray(value) ? value : Object.values(value);
    // Counted before pushing: values seen, values waiting and these children, so one huge array never lands on the stack.
    if (nodes + stack.length + children.length > MAX_REQUEST_NODES) {
      return { code: ErrorCode.PayloadTooLarge, message: `request holds more than ${MAX_REQUEST_NODES} values` };
    }
    for (const child of children) stack.push({ value: child, depth: depth + 1 });
  }
  const bytes = Buffer.byteLength(JSON.stringify(payload) ?? '');
  if (bytes > MAX_REQUEST_BYTES) return { code: ErrorCode.PayloadTooLarge, message: `request of ${bytes} bytes exceeds ${MAX_REQUEST_BYTES}` };
  return null;
}
