import ky from 'ky';

export interface SendOptions {
  fetch?: typeof fetch;
  /** Limit in ms for the whole call, body included. */
  timeout: number;
  signal?: AbortSignal;
}

/**
 * One request through ky, ended after `timeout` ms with a DOMException named `TimeoutError`, and
 * `read` run on the answer within the same limit: ky's own timeout stops at the headers, so a
 * stalled body would otherwise hang the join.
 */
export async function send<T>(
  url: string,
  init: RequestInit,
  options: SendOptions,
  read: (response: Response) => Promise<T>,
): Promise<T> {
  const {signal, timeout} = options;
  const limit = new AbortController();
  const timer = setTimeout(
    () => limit.abort(new DOMException(`no answer within ${timeout} ms`, 'TimeoutError')),
    timeout,
  );
  // AbortSignal.any adds no listener to a signal that many calls share (Safari 17.4 and older
  // browsers lack it, and get one that is removed again).
  const stop = () => limit.abort(signal?.reason);
  const any = signal && AbortSignal.any?.([signal, limit.signal]);
  if (signal && !any) {
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, {once: true});
  }
  // ky calls its `fetch` option as a method; the browser's fetch throws unless called unbound.
  const given = options.fetch;
  const fetcher = given && ((input: RequestInfo | URL, more?: RequestInit) => given(input, more));
  try {
    const response = await ky(url, {
      ...init,
      signal: any || limit.signal,
      fetch: fetcher,
      timeout: false,
      // Intentionally no retry: a repeated hash POST spends a login and mints a second hash.
      retry: 0,
      throwHttpErrors: false,
    });

    return await read(response);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', stop);
  }
}
