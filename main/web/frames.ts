/**
 * The web host's wire format, one JSON object per WebSocket message:
 *   client → host  `{id, name, input}`        a procedure call
 *   host → client  `{id, result}`             its Result (`{ok, value}` | `{ok:false, error}`)
 *   host → client  `{event, payload}`         a station event
 * A frame that is too large or not a call gets `{id: null, result: {ok:false, error}}` (or the
 * call's id when it could be read), with code VALIDATION and `details.reason`.
 */
import { z } from 'zod';
import type { ErrorBody } from '../domain/errors';

/**
 * Frames above this size are answered with an error instead of being parsed. Big enough for the
 * largest call: a catalog or staff import of up to 5 MB (IMPORT_MAX_BYTES, main/api/procedures/master.ts)
 * as base64 in JSON.
 */
export const MAX_FRAME_BYTES = 8 * 1024 * 1024;

const CallFrame = z.object({
  id: z.union([z.number().int().nonnegative(), z.string().min(1).max(64)]),
  name: z.string().min(1).max(100),
  input: z.unknown().optional(),
});
export type CallFrame = z.infer<typeof CallFrame>;
export type FrameId = CallFrame['id'];

export type ParsedFrame = { ok: true; call: CallFrame } | { ok: false; id: FrameId | null; error: ErrorBody };

function bad(id: FrameId | null, reason: string, message: string): ParsedFrame {
  return { ok: false, id, error: { code: 'VALIDATION', message, details: { reason } } };
}

export function parseFrame(data: string | Buffer, isBinary: boolean): ParsedFrame {
  if (isBinary) return bad(null, 'binary_frame', 'frames must be JSON text');
  const size = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  if (size > MAX_FRAME_BYTES) return bad(null, 'frame_too_large', `frames are limited to ${MAX_FRAME_BYTES} bytes`);
  let json: unknown;
  try {
    json = JSON.parse(data.toString());
  } catch {
    return bad(null, 'malformed_json', 'the frame is not JSON');
  }
  const parsed = CallFrame.safeParse(json);
  if (!parsed.success) {
    const id = (json as { id?: unknown } | null)?.id;
    const readableId = typeof id === 'number' || typeof id === 'string' ? CallFrame.shape.id.safeParse(id) : null;
    return bad(readableId?.success ? readableId.data : null, 'malformed_frame', 'expected {id, name, input}');
  }
  return { ok: true, call: parsed.data };
}
