// Reads a request body as raw bytes, refusing past a limit without buffering the excess.
import { AppError } from "../errors";

export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

export async function readBodyWithLimit(request: Request, limit = MAX_WEBHOOK_BODY_BYTES): Promise<Buffer> {
  const tooLarge = () => new AppError("payload_too_large", `Request body exceeds ${limit} bytes`);
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  if (!request.body) return Buffer.alloc(0);
  // A declared length within the limit bounds the body (the HTTP parser reads no further): one read.
  if (Number.isFinite(declared) && request.headers.has("content-length"))
    return Buffer.from(await request.arrayBuffer());

  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}
