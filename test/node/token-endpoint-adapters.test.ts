import assert from 'node:assert/strict';
import {createServer, request as httpRequest, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {describe, it, type TestContext} from 'node:test';
import {
  createTokenHandler,
  guestVisitors,
  toMiddleware,
  toNodeListener,
  type NodeRequest,
  type TokenEndpointOptions,
} from '../../src/server/index.js';
import {ACCOUNT, hashes, openRoom, postJoin, startOm} from './server-support.js';

type Next = (error?: unknown) => void;
type Middleware = (req: NodeRequest, res: ServerResponse, next: Next) => void;

/** Mounts middleware chains at paths, rewriting `req.url` as Express does for a mount. */
async function startApp(t: TestContext, mounts: Array<[string, Middleware[]]>): Promise<string> {
  const server = createServer((req: NodeRequest, res) => {
    const url = req.url ?? '/';
    const {pathname, search} = new URL(url, 'http://router.invalid');
    const mount = mounts.find(([path]) => pathname === path);
    if (!mount) {
      res.writeHead(404).end();

      return;
    }
    req.originalUrl = url;
    req.url = `/${pathname.slice(mount[0].length).replace(/^\//, '')}${search}`;
    const chain = [...mount[1]];
    const next: Next = (error) => {
      if (error) {
        res.writeHead(500, {'content-type': 'text/plain'}).end('router caught an error');

        return;
      }
      const layer = chain.shift();
      if (layer) layer(req, res, next);
      else res.writeHead(404).end();
    };
    next();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );

  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Reads a JSON body into `req.body`, as express.json() does, and leaves the stream spent. */
const jsonBodyParser: Middleware = (req, _res, next) => {
  if (!/^application\/json/.test(req.headers['content-type'] ?? '')) return next();

  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    try {
      req.body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      next();
    } catch (error) {
      next(error);
    }
  });
};

function handlerFor(t: TestContext, omUrl: string, options: Partial<TokenEndpointOptions> = {}) {
  const handler = createTokenHandler({
    omUrl,
    ...ACCOUNT,
    resolveUser: guestVisitors({externalType: 'adapter-test'}),
    ...options,
  });
  t.after(() => handler.close());

  return handler;
}

describe('token endpoint adapters', () => {
  it('serves joins as a Node http listener', async (t) => {
    const om = await startOm(t);
    const server = createServer(toNodeListener(handlerFor(t, om.url)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    t.after(() => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();

      return closed;
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/join`;

    const answer = await postJoin(url, {roomId: 2, firstname: 'Nadia'});

    assert.equal(answer.status, 200);
    assert.equal((await openRoom(answer.body.url!)).user, 'Nadia');
  });

  it('takes its own origin from Host, not from an absolute-form request line', async (t) => {
    const om = await startOm(t);
    const origin = await startApp(t, [['/join', [toMiddleware(handlerFor(t, om.url))]]]);
    const {port} = new URL(origin);

    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'POST',
        // The request line a proxy-style client sends; browsers never do.
        path: 'http://evil.example/join',
        headers: {'content-type': 'application/json', origin: 'http://evil.example'},
      });
      request.on('response', (response) => resolve(response.resume().statusCode ?? 0));
      request.on('error', reject);
      request.end('{"roomId":1}');
    });

    assert.equal(status, 403);
  });

  it('serves joins as middleware after a body parser has read the body', async (t) => {
    const om = await startOm(t);
    const join = toMiddleware(handlerFor(t, om.url));
    const origin = await startApp(t, [['/api/om/join', [jsonBodyParser, join]]]);

    const answer = await postJoin(`${origin}/api/om/join`, {roomId: 3, firstname: 'Chen'});

    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal((await openRoom(answer.body.url!)).user, 'Chen');
  });

  it('still checks a parsed body: a moderator flag is refused', async (t) => {
    const om = await startOm(t);
    const join = toMiddleware(handlerFor(t, om.url));
    const origin = await startApp(t, [['/api/om/join', [jsonBodyParser, join]]]);

    const answer = await postJoin(`${origin}/api/om/join`, {roomId: 3, moderator: true});

    assert.equal(answer.status, 400);
    assert.equal(answer.body.error?.field, 'moderator');
    assert.deepEqual(om.emulator.log(), []);
  });

  it('serves joins as middleware that reads the body itself', async (t) => {
    const om = await startOm(t);
    const origin = await startApp(t, [['/api/om/join', [toMiddleware(handlerFor(t, om.url))]]]);

    const answer = await postJoin(`${origin}/api/om/join`, {roomId: 4, firstname: 'Ingrid'});

    assert.equal(answer.status, 200);
    assert.equal((await openRoom(answer.body.url!)).user, 'Ingrid');
  });

  it('reads the join link query from the mounted URL', async (t) => {
    const om = await startOm(t);
    const origin = await startApp(t, [['/api/om/join', [toMiddleware(handlerFor(t, om.url))]]]);

    const response = await fetch(`${origin}/api/om/join?roomId=5&language=4`, {
      redirect: 'manual',
      headers: {'sec-fetch-site': 'same-origin'},
    });

    assert.equal(response.status, 302);
    const room = await openRoom(response.headers.get('location')!);
    assert.equal(room.roomId, 5);
    assert.equal(room.language, 4);
  });

  it('serves joins as a plain Fetch handler', async (t) => {
    const om = await startOm(t);
    const handler = handlerFor(t, om.url);

    const response = await handler(
      new Request('https://www.example.org/api/om/join', {
        method: 'POST',
        headers: {'content-type': 'application/json', origin: 'https://www.example.org'},
        body: JSON.stringify({roomId: 1, firstname: 'Olu'}),
      }),
    );
    const body = (await response.json()) as {url: string};

    assert.equal(response.status, 200);
    assert.match(response.headers.get('set-cookie')!, /; Secure/);
    assert.equal((await openRoom(body.url)).user, 'Olu');
    assert.equal(hashes(om).length, 1);
  });

  it('gives every client of a bare Fetch handler one shared rate-limit key', async (t) => {
    const om = await startOm(t);
    const handler = handlerFor(t, om.url, {rateLimit: {max: 1, windowMs: 60_000}});
    const post = () =>
      handler(
        new Request('https://www.example.org/api/om/join', {
          method: 'POST',
          headers: {'content-type': 'application/json'},
          body: '{"roomId":1}',
        }),
      );

    const statuses = [(await post()).status, (await post()).status];

    assert.deepEqual(statuses, [200, 429]);
  });
});
