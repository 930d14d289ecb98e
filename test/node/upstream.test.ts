import assert from 'node:assert/strict';
import type {IncomingMessage, ServerResponse} from 'node:http';
import {describe, it, type TestContext} from 'node:test';
import {OmClient, OmError} from '../../src/client/index.js';
import {limitedFetch} from '../../src/server/upstream.js';
import {ACCOUNT, logins, postJoin, startEndpoint, startFault, startOm} from './server-support.js';

async function clientFor(
  t: TestContext,
  listener: (req: IncomingMessage, res: ServerResponse) => void,
) {
  const baseUrl = await startFault(t, listener);

  return new OmClient({baseUrl, fetch: limitedFetch(globalThis.fetch, 1024)});
}

async function rejection(promise: Promise<unknown>): Promise<OmError> {
  const error = await promise.then(
    () => assert.fail('expected a rejection'),
    (reason: unknown) => reason,
  );
  assert.ok(error instanceof OmError, String(error));

  return error;
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

  it('refuses an answer whose declared length is over the limit', async (t) => {
    const client = await clientFor(t, chunked(`${envelope}${' '.repeat(4096)}`, 1, true));

    const error = await rejection(client.login(ACCOUNT));

    assert.equal(error.code, 'network');
    assert.match(error.message, /login failed: the answer is larger than 1024 bytes \(POST /);
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
  /** The emulator, with the first `drops` logins' sockets destroyed before any answer. */
  async function droppingOm(t: TestContext, drops: number) {
    const om = await startOm(t);
    const calls = {logins: 0, hashes: 0};
    const omUrl = await startFault(t, (req, res) => {
      const path = (req.url ?? '').split('?', 1)[0];
      if (path.endsWith('/services/user/hash')) calls.hashes++;
      if (!path.endsWith('/services/user/login')) return om.emulator.handle(req, res);

      calls.logins++;
      if (calls.logins > drops) return om.emulator.handle(req, res);
      req.resume();
      req.socket.destroy();
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
});
