import assert from 'node:assert/strict';
import type {IncomingMessage, ServerResponse} from 'node:http';
import {describe, it, type TestContext} from 'node:test';
import {gzipSync} from 'node:zlib';
import {OmClient} from '../../src/client/index.js';
import {QUICK_DROP_MS, limitedFetch} from '../../src/server/upstream.js';
import {
  ACCOUNT,
  logins,
  postJoin,
  startEndpoint,
  startFault,
  startOm,
  rejection,
} from './server-support.js';

async function clientFor(
  t: TestContext,
  listener: (req: IncomingMessage, res: ServerResponse) => void,
) {
  const baseUrl = await startFault(t, listener);

  return new OmClient({baseUrl, fetch: limitedFetch(globalThis.fetch, 1024)});
}

describe("through the token endpoint's limitedFetch", () => {
  const envelope = JSON.stringify({serviceResult: {message: 'sid-1', type: 'SUCCESS'}});
  /** Sends `text` in `pieces` chunks, with its length declared or not. */
  const chunked =
    (text: string, pieces: number, declared = false) =>
    (_req: IncomingMessage, res: ServerResponse) => {
      const length = declared ? {'content-length': String(Buffer.byteLength(text))} : {};
      res.writeHead(200, {'content-type': 'application/json', ...length});
      const size = Math.ceil(text.length / pieces);
      for (let i = 0; i < text.length; i += size) res.write(text.slice(i, i + size));
      res.end();
    };

  it('refuses at once an answer whose declared length is over the limit', async (t) => {
    // The headers promise 5000 bytes and the body stalls: only the declared length can tell.
    const baseUrl = await startFault(t, (req, res) => {
      req.resume();
      res.writeHead(200, {'content-type': 'application/json', 'content-length': '5000'});
      res.write(envelope);
    });
    const client = new OmClient({baseUrl, timeout: 5000, fetch: limitedFetch(fetch, 1024)});

    const error = await rejection(client.login(ACCOUNT));

    assert.equal(error.code, 'network');
    assert.match(error.message, /login failed: the answer is larger than 1024 bytes \(POST /);
  });

  it('counts a gzip answer after it is unpacked, whatever its declared length', async (t) => {
    const packed = gzipSync(`${envelope}${' '.repeat(64 * 1024)}`);
    assert.ok(packed.length < 1024, 'the packed answer is under the limit');
    const client = await clientFor(t, (req, res) => {
      req.resume();
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'content-length': String(packed.length),
      });
      res.end(packed);
    });

    const error = await rejection(client.login(ACCOUNT));

    assert.match(error.message, /login failed: the answer is larger than 1024 bytes \(POST /);
  });

  it('limits an error page as well', async (t) => {
    const client = await clientFor(t, (req, res) => {
      req.resume();
      res.writeHead(500, {'content-type': 'text/html'});
      res.end(`<html>${'x'.repeat(4096)}</html>`);
    });

    const error = await rejection(client.login(ACCOUNT));

    assert.match(error.message, /login failed: the answer is larger than 1024 bytes/);
  });

  it('lets a redirect through unread, so the client can name it', async (t) => {
    const client = await clientFor(t, (req, res) => {
      req.resume();
      res.writeHead(302, {location: 'https://sso.invalid/login', 'content-type': 'text/html'});
      res.end(`<html>${'x'.repeat(4096)}</html>`);
    });

    const error = await rejection(client.login(ACCOUNT));

    assert.equal(error.status, 302);
    assert.match(error.message, /answered with a redirect \(HTTP 302\)/);
  });

  it('stops a body without a declared length once it passes the limit', async (t) => {
    const client = await clientFor(t, chunked(`${envelope}${' '.repeat(4096)}`, 8));

    const error = await rejection(client.login(ACCOUNT));

    assert.equal(error.code, 'network');
    assert.match(error.message, /login failed: the answer is larger than 1024 bytes \(POST /);
  });

  it('reads a body without a declared length of exactly the limit', async (t) => {
    const client = await clientFor(
      t,
      chunked(`${envelope}${' '.repeat(1024 - envelope.length)}`, 3),
    );

    assert.equal(await client.login(ACCOUNT), 'sid-1');
  });
});

describe('token endpoint over a dropped connection', () => {
  /** The emulator, with the first `drops` logins' sockets destroyed, after `afterMs`, unanswered. */
  async function droppingOm(t: TestContext, drops: number, afterMs = 0) {
    const om = await startOm(t);
    const calls = {logins: 0, hashes: 0};
    const omUrl = await startFault(t, (req, res) => {
      const path = (req.url ?? '').split('?', 1)[0];
      if (path.endsWith('/services/user/hash')) calls.hashes++;
      if (!path.endsWith('/services/user/login')) return om.emulator.handle(req, res);

      calls.logins++;
      if (calls.logins > drops) return om.emulator.handle(req, res);
      req.resume();
      const timer = setTimeout(() => req.socket.destroy(), afterMs);
      res.on('close', () => clearTimeout(timer));
    });

    return {om, omUrl, calls};
  }

  it('logs in once more when the first login loses its connection', async (t) => {
    const {om, omUrl, calls} = await droppingOm(t, 1);
    const endpoint = await startEndpoint(t, om, {omUrl});

    const answer = await postJoin(endpoint.url, {roomId: 1});

    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.match(answer.body.url ?? '', /\/hash\?secure=/);
    assert.deepEqual(calls, {logins: 2, hashes: 1});
  });

  it('gives up after the second dropped login', async (t) => {
    const {om, omUrl, calls} = await droppingOm(t, Infinity);
    const endpoint = await startEndpoint(t, om, {omUrl});

    const answer = await postJoin(endpoint.url, {roomId: 1});

    assert.equal(answer.status, 502);
    assert.equal(answer.body.error?.code, 'network');
    assert.deepEqual(calls, {logins: 2, hashes: 0});
  });

  it('never repeats a hash whose connection dropped', async (t) => {
    const om = await startOm(t);
    let hashes = 0;
    const omUrl = await startFault(t, (req, res) => {
      if (!(req.url ?? '').split('?', 1)[0].endsWith('/services/user/hash')) {
        return om.emulator.handle(req, res);
      }
      hashes++;
      req.resume();
      req.socket.destroy();
    });
    const endpoint = await startEndpoint(t, om, {omUrl});

    const answer = await postJoin(endpoint.url, {roomId: 1});

    assert.equal(answer.status, 502);
    assert.equal(hashes, 1);
  });

  it('does not repeat a login that was refused', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om, {password: 'wrong'});

    const answer = await postJoin(endpoint.url, {roomId: 1});

    assert.equal(answer.status, 502);
    assert.equal(logins(om).length, 1);
  });

  it('does not repeat a login dropped only after QUICK_DROP_MS', async (t) => {
    const {om, omUrl, calls} = await droppingOm(t, Infinity, QUICK_DROP_MS + 200);
    const endpoint = await startEndpoint(t, om, {omUrl});

    const answer = await postJoin(endpoint.url, {roomId: 1});

    assert.equal(answer.status, 502);
    assert.deepEqual(calls, {logins: 1, hashes: 0});
  });

  it('does not repeat a login that timed out', async (t) => {
    const om = await startOm(t);
    let loginCalls = 0;
    const omUrl = await startFault(t, (req) => {
      loginCalls++;
      req.resume();
    });
    const endpoint = await startEndpoint(t, om, {omUrl, timeout: 200});

    const answer = await postJoin(endpoint.url, {roomId: 1});

    assert.equal(answer.status, 504);
    assert.equal(answer.body.error?.code, 'timeout');
    assert.equal(loginCalls, 1);
  });
});
