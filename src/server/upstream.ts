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
