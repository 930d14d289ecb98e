import assert from 'node:assert/strict';
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {describe, it, type TestContext} from 'node:test';
import {inspect} from 'node:util';
import {OmClient} from '../../src/client/openmeetings.js';

const SID = '11111111-2222-4333-8444-555555555555';
const PASSWORD = 'Sup3r-Secret!';

async function serve(t: TestContext, handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });

  return {url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen};
}

// Hosts log whole errors; the cause chain is part of what they print.
describe('what a failed call keeps of its secrets', () => {
  it('keeps the SID out of a timed-out hash call, cause chain included', async (t) => {
    const om = await serve(t, () => {});
    const client = new OmClient({baseUrl: `${om.url}/openmeetings`, timeout: 100});
    const user = {externalId: '1', externalType: 'test'};

    const error = await client.roomHash(SID, user, {roomId: 1}).catch((e: unknown) => e);

    assert.equal((error as {code?: string}).code, 'timeout');
    assert.doesNotMatch(inspect(error, {depth: 10}), /11111111/);
  });

  it('keeps the password out of a timed-out GET login, cause chain included', async (t) => {
    const om = await serve(t, () => {});
    const client = new OmClient({
      baseUrl: `${om.url}/openmeetings`,
      timeout: 100,
      loginMethod: 'GET',
    });

    const error = await client.login({user: 'api', password: PASSWORD}).catch((e: unknown) => e);

    assert.equal((error as {code?: string}).code, 'timeout');
    assert.doesNotMatch(inspect(error, {depth: 10}), /Sup3r/);
  });

  it('does not follow a redirect with the password', async (t) => {
    const elsewhere = await serve(t, (_req, res) => res.writeHead(200).end());
    const om = await serve(t, (_req, res) => {
      res.writeHead(307, {location: `${elsewhere.url}/collect`}).end();
    });
    const client = new OmClient({baseUrl: `${om.url}/openmeetings`});

    const error = await client.login({user: 'api', password: PASSWORD}).catch((e: unknown) => e);

    assert.equal((error as {code?: string}).code, 'http');
    assert.match((error as Error).message, /redirect \(HTTP 307\)/);
    assert.deepEqual(elsewhere.seen, []);
  });
});
