import assert from 'node:assert/strict';
import type {IncomingMessage, ServerResponse} from 'node:http';
import {describe, it, type TestContext} from 'node:test';
import {OmClient} from '../../src/client/index.js';
import {ACCOUNT, startFault, rejection} from './server-support.js';

const visitor = {externalId: 'v-1', externalType: 'fault-test'};

/** A server whose every answer is `status`, `body` and `contentType`. */
function answering(status: number, body: string, contentType = 'application/json') {
  return (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(status, body ? {'content-type': contentType} : {});
    res.end(body);
  };
}

async function clientFor(
  t: TestContext,
  listener: (req: IncomingMessage, res: ServerResponse) => void,
  options: {timeout?: number; tls?: boolean} = {},
) {
  const baseUrl = await startFault(t, listener, options.tls);

  return new OmClient({baseUrl, timeout: options.timeout});
}

const HTML_500 = '<!doctype html><html><body><h1>HTTP Status 500</h1></body></html>';
const HASH_URL = /\(POST http:\/\/127\.0\.0\.1:\d+\/openmeetings\/services\/user\/hash\)$/;
const TLS_URL = /\(POST https:\/\/127\.0\.0\.1:\d+\/openmeetings\/services\/user\/login\)/;

describe('OmClient against broken servers', () => {
  it('reports a pre-6.3 HTML 500 on the hash call with its status', async (t) => {
    const client = await clientFor(t, answering(500, HTML_500, 'text/html;charset=utf-8'));

    const error = await rejection(client.roomHash('a-sid', visitor, {roomId: 1}));

    assert.equal(error.status, 500);
    assert.equal(error.step, 'hash');
    assert.match(error.message, /hash request failed: HTTP 500 \(an HTML page\)/);
    assert.match(error.message, HASH_URL);
    assert.ok(!error.message.includes('a-sid'), 'no SID in the message');
  });

  it('reports an empty 500 with its status', async (t) => {
    const client = await clientFor(t, answering(500, ''));

    const error = await rejection(client.login(ACCOUNT));

    assert.equal(error.code, 'http');
    assert.equal(error.status, 500);
    assert.match(error.message, /login failed: HTTP 500 \(empty body\)/);
  });

  it('reports an HTML page served with 200 as not a serviceResult', async (t) => {
    const page = '<html><body>Sign in</body></html>';
    const client = await clientFor(t, answering(200, page, 'text/html'));

    const error = await rejection(client.login(ACCOUNT));

    assert.equal(error.code, 'bad-response');
    assert.equal(error.status, 200);
    assert.match(error.message, /HTTP 200 with an HTML page, not a serviceResult/);
  });

  it('reports JSON that is not an envelope', async (t) => {
    const client = await clientFor(t, answering(200, '{"sid":"x"}'));

    const error = await rejection(client.login(ACCOUNT));

    assert.match(error.message, /HTTP 200 with a body that is not a serviceResult/);
  });

  it('reads the 3.x envelope with a code as a failed login', async (t) => {
    const body = '{"serviceResult":{"code":-1,"message":"Login failed","type":"ERROR"}}';
    const client = await clientFor(t, answering(200, body));

    const error = await rejection(client.login(ACCOUNT));

    assert.equal(error.code, 'bad-credentials');
  });

  it('reads a message that the JSON writer turned into a number', async (t) => {
    const body = '{"serviceResult":{"message":42,"type":"SUCCESS"}}';
    const client = await clientFor(t, answering(200, body));

    assert.equal(await client.login(ACCOUNT), '42');
  });

  it('says so when an ERROR comes without a message', async (t) => {
    const client = await clientFor(t, answering(200, '{"serviceResult":{"type":"ERROR"}}'));

    const error = await rejection(client.login(ACCOUNT));

    assert.match(error.message, /ERROR with an empty message/);
  });

  it('refuses a SUCCESS without a SID', async (t) => {
    const client = await clientFor(t, answering(200, '{"serviceResult":{"type":"SUCCESS"}}'));

    const error = await rejection(client.login(ACCOUNT));

    assert.equal(error.code, 'bad-response');
  });

  it('stops after the GET fallback when that is refused too', async (t) => {
    let requests = 0;
    const client = await clientFor(t, (req, res) => {
      requests++;
      res.writeHead(405, {allow: req.method === 'GET' ? 'POST' : 'GET'}).end();
    });

    const error = await rejection(client.login(ACCOUNT));

    assert.equal(error.status, 405);
    assert.equal(requests, 2);
    assert.ok(!error.message.includes(ACCOUNT.password), 'the GET query is not in the message');
  });

  it('times out when no answer comes', async (t) => {
    const client = await clientFor(t, () => undefined, {timeout: 100});

    const error = await rejection(client.login(ACCOUNT));

    assert.equal(error.code, 'timeout');
    assert.match(error.message, /no answer in time \(POST /);
  });

  it('gives the reason when the connection drops', async (t) => {
    const client = await clientFor(t, (req) => req.socket.destroy());

    const error = await rejection(client.login(ACCOUNT));

    assert.equal(error.code, 'network');
    assert.doesNotMatch(error.message, /: fetch failed/);
  });

  it('reports a self-signed certificate as a TLS problem', async (t) => {
    const client = await clientFor(t, answering(200, ''), {tls: true});

    const error = await rejection(client.login(ACCOUNT));

    assert.equal(error.code, 'tls');
    assert.match(error.message, /TLS certificate problem \(self-signed certificate/);
    assert.match(error.message, TLS_URL);
  });
});
