import {OmError} from '../client/errors.js';
import {OmClient, type Credentials} from '../client/openmeetings.js';

/** OpenMeetings answers are small envelopes or error pages; anything bigger is not one of them. */
export const MAX_UPSTREAM_BYTES = 256 * 1024;

/**
 * Wraps a fetch so that an answer's body is read up to `maxBytes` and no further, counted after
 * decompression. A declared length refuses at once, and is trusted as the whole size only when
 * the body is not encoded: Node's fetch unpacks gzip itself, and a few packed kilobytes can
 * unpack to any size. Redirects and bodiless statuses pass as they are, for the client to
 * report. Time needs nothing here: the client's timeout already covers the body.
 */
export function limitedFetch(inner: typeof fetch, maxBytes = MAX_UPSTREAM_BYTES): typeof fetch {
  const tooLarge = () => new Error(`the answer is larger than ${maxBytes} bytes`);

  return async (input, init) => {
    const response = await inner(input, init);
    const {body, status, statusText, headers} = response;
    // A redirect's page is not read, and 204 or 205 has no body to count.
    if (!body || (status >= 300 && status < 400) || status === 204 || status === 205)
      return response;

    const plain = (headers.get('content-encoding') ?? 'identity').trim() === 'identity';
    const declared = plain ? Number(headers.get('content-length') ?? Number.NaN) : Number.NaN;
    if (declared > maxBytes) {
      void body.cancel().catch(() => undefined);
      throw tooLarge();
    }
    if (declared >= 0) return response;

    let size = 0;
    const counted = body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, stream) {
          size += chunk.byteLength;
          if (size > maxBytes) stream.error(tooLarge());
          else stream.enqueue(chunk);
        },
      }),
    );

    return new Response(counted, {status, statusText, headers});
  };
}

// What Node's fetch (undici) reports, as the `code` of the error's cause, when the other side
// closed the connection: a kept-alive socket that a proxy dropped while idle fails this way as
// the next request goes out (#8, keep-alive connections to OpenMeetings).
const droppedCodes = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/**
 * A stale kept-alive socket fails within a round trip. A drop after this long is a server that
 * took the request and gave up on it, and is not tried again: that would double the wait.
 */
export const QUICK_DROP_MS = 1000;

/**
 * The client the token endpoint uses: a login whose connection dropped within QUICK_DROP_MS is
 * tried once more. A login changes nothing when repeated; at worst one SID goes unused and
 * expires. A hash is never repeated, since a second one may be minted on the same SID.
 */
export class EndpointClient extends OmClient {
  override async login(account: Credentials): Promise<string> {
    const started = Date.now();
    try {
      return await super.login(account);
    } catch (error) {
      if (!droppedConnection(error) || Date.now() - started > QUICK_DROP_MS) throw error;
    }

    return super.login(account);
  }
}

function droppedConnection(error: unknown): boolean {
  if (!(error instanceof OmError) || error.code !== 'network') return false;
  let cause: unknown = error.cause;
  for (let depth = 0; depth < 5 && cause instanceof Error; depth++) {
    const code = (cause as Error & {code?: unknown}).code;
    if (typeof code === 'string' && droppedCodes.has(code)) return true;

    cause = cause.cause;
  }

  return false;
}
