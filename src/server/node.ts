import type {IncomingMessage, ServerResponse} from 'node:http';
import type {TLSSocket} from 'node:tls';
import {recordClientAddress} from './client-address.js';
import {errorResponse} from './responses.js';

type FetchHandler = (request: Request) => Promise<Response>;

/** A Node request as Express or connect hand it over: maybe with a parsed body, maybe mounted. */
export type NodeRequest = IncomingMessage & {body?: unknown; originalUrl?: string};

/** Runs a Fetch-style handler as a Node `http` listener. It answers every request it gets. */
export function toNodeListener(handler: FetchHandler) {
  return (req: NodeRequest, res: ServerResponse): void => {
    void serve(handler, req, res).catch(() => fail(res));
  };
}

/**
 * Runs a Fetch-style handler as Express or connect middleware, mounted at the join path.
 * A body that a parser such as `express.json()` already read is taken from `req.body`.
 * `next(error)` gets only what the handler could not turn into an answer.
 */
export function toMiddleware(handler: FetchHandler) {
  return (req: NodeRequest, res: ServerResponse, next: (error?: unknown) => void): void => {
    void serve(handler, req, res).catch(next);
  };
}

async function serve(handler: FetchHandler, req: NodeRequest, res: ServerResponse): Promise<void> {
  let request: Request;
  try {
    request = toRequest(req);
  } catch {
    const message = 'the request URL or Host header is malformed';
    await send(req, res, errorResponse(400, 'config', message));

    return;
  }
  recordClientAddress(request, req.socket.remoteAddress);
  await send(req, res, await handler(request));
}

function toRequest(req: NodeRequest): Request {
  const scheme = (req.socket as TLSSocket).encrypted ? 'https' : 'http';
  const base = `${scheme}://${req.headers.host ?? 'localhost'}`;
  // Only the path and query: an absolute-form request line must not choose our origin.
  const target = new URL(req.originalUrl ?? req.url ?? '/', 'http://path.invalid');
  const url = new URL(`${target.pathname}${target.search}`, base);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  const method = req.method ?? 'GET';
  if (method === 'GET' || method === 'HEAD') return new Request(url, {method, headers});

  if (req.body !== undefined && req.readableEnded) {
    // The stream is spent; what the parser made of it is all there is.
    headers.delete('content-length');
    headers.delete('transfer-encoding');

    return new Request(url, {method, headers, body: parsedBody(req.body)});
  }

  return new Request(url, {method, headers, body: bodyStream(req), duplex: 'half'} as RequestInit);
}

function parsedBody(body: unknown): string | Uint8Array<ArrayBuffer> {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return new Uint8Array(body);

  return JSON.stringify(body) ?? '';
}

/**
 * The request body as a web stream that reads only as fast as the handler does. Cancelling it
 * pauses the socket instead of destroying it, so a 413 can still be sent.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let finished = false;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const onData = (chunk: Buffer) => {
    if (finished) return;
    controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if ((controller.desiredSize ?? 1) <= 0) req.pause();
  };
  const onEnd = () => finish(() => controller.close());
  const onError = (error: Error) => finish(() => controller.error(error));
  const onClose = () => finish(() => controller.error(new Error('the client closed the request')));
  const finish = (last: () => void) => {
    if (!finished) last();
    finished = true;
    req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
  };

  return new ReadableStream<Uint8Array>({
    start(streamController) {
      controller = streamController;
      req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
    },
    pull() {
      req.resume();
    },
    cancel() {
      finish(() => undefined);
      req.pause();
    },
  });
}

async function send(req: IncomingMessage, res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers['set-cookie'] = cookies;
  // A body left unread (413, 415, 403) may still be arriving; closing beats draining it.
  if (!req.complete) headers.connection = 'close';
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status !== 204 && response.status !== 304) {
    headers['content-length'] = String(body.byteLength);
  }
  res.writeHead(response.status, headers);
  res.end(body);
}

function fail(res: ServerResponse): void {
  if (res.headersSent) {
    res.destroy();

    return;
  }
  res.writeHead(500, {'content-type': 'application/json', 'cache-control': 'no-store'});
  res.end('{"error":{"code":"internal","message":"the token endpoint failed"}}');
}
