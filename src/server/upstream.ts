/** OpenMeetings answers are small envelopes or error pages; anything bigger is not one of them. */
export const MAX_UPSTREAM_BYTES = 256 * 1024;

const nullBodyStatus = new Set([101, 103, 204, 205, 304]);

/**
 * Wraps a fetch so that one call, body included, ends within `timeoutMs` and reads at most
 * `maxBytes`. ky's own timeout stops at the response headers; a server that then stalls the
 * body would hold the join open forever.
 *
 * Keep-alive needs nothing here: Node's global fetch pools connections per origin already.
 */
export function boundedFetch(
  inner: typeof fetch,
  timeoutMs: number,
  maxBytes = MAX_UPSTREAM_BYTES,
): typeof fetch {
  return async (input, init) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    const given = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    const signal = given ? AbortSignal.any([given, deadline]) : deadline;
    const response = await inner(input, {...init, signal});
    if (!response.body || nullBodyStatus.has(response.status)) return response;

    const body = await readAtMost(response.body, maxBytes, signal);

    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

async function readAtMost(
  stream: ReadableStream<Uint8Array>,
  maxBytes: number,
  signal: AbortSignal,
): Promise<Uint8Array<ArrayBuffer>> {
  const reader = stream.getReader();
  const stop = () => void reader.cancel(signal.reason).catch(() => undefined);
  signal.addEventListener('abort', stop, {once: true});
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const {done, value} = await reader.read();
      signal.throwIfAborted();
      if (done) break;

      size += value.byteLength;
      if (size > maxBytes) throw new Error(`the answer is larger than ${maxBytes} bytes`);

      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    signal.removeEventListener('abort', stop);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }

  return bytes;
}
