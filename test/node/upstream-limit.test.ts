import assert from 'node:assert/strict';
import type {IncomingMessage, ServerResponse} from 'node:http';
import {describe, it, type TestContext} from 'node:test';
import {OmClient, OmError} from '../../src/client/index.js';
import {limitedFetch} from '../../src/server/upstream.js';
import {ACCOUNT, startFault} from './server-support.js';

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
