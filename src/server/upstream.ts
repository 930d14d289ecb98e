import {OmError} from '../client/errors.js';
import {OmClient, type Credentials} from '../client/openmeetings.js';

/** OpenMeetings answers are small envelopes or error pages; anything bigger is not one of them. */
export const MAX_UPSTREAM_BYTES = 256 * 1024;

/**
 * Wraps a fetch so that an answer's body is read up to `maxBytes` and no further. A declared
 * length decides at once; a body without one is counted as it streams. Time needs nothing here:
 * the client's timeout already covers the body.
 */
export function limitedFetch(inner: typeof fetch, maxBytes = MAX_UPSTREAM_BYTES): typeof fetch {
  const tooLarge = () => new Error(`the answer is larger than ${maxBytes} bytes`);

  return async (input, init) => {
    const response = await inner(input, init);
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > maxBytes) {
      void response.body?.cancel().catch(() => undefined);
      throw tooLarge();
    }
    if (!response.body || declared >= 0) return response;

    let size = 0;
    const counted = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, stream) {
          size += chunk.byteLength;
          if (size > maxBytes) stream.error(tooLarge());
          else stream.enqueue(chunk);
        },
      }),
    );
    const {status, statusText, headers} = response;

    return new Response(counted, {status, statusText, headers});
  };
}

// What Node's fetch reports when the other side closed a kept-alive connection as the request
// went out, or cut the answer short.
const droppedCodes = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/**
 * The client the token endpoint uses: a login whose connection dropped is tried once more. A
 * login changes nothing when repeated; at worst one SID goes unused and expires. A hash is never
 * repeated, since a second one may be minted on the same SID.
 */
export class EndpointClient extends OmClient {
  override async login(account: Credentials): Promise<string> {
    try {
      return await super.login(account);
    } catch (error) {
      if (!droppedConnection(error)) throw error;
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
