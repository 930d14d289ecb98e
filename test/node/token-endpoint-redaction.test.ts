import assert from 'node:assert/strict';
import {createServer} from 'node:net';
import {describe, it} from 'node:test';
import {redact} from '../../src/server/responses.js';
import {createTokenHandler, guestVisitors} from '../../src/server/index.js';

/** A loopback port that nothing listens on: opened, then closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as {port: number};
  await new Promise((resolve) => server.close(resolve));

  return port;
}

describe('what error answers reveal of the OpenMeetings address', () => {
  it('names neither the internal address nor its port when OpenMeetings is unreachable', async () => {
    const port = await closedPort();
    const handler = createTokenHandler({
      omUrl: `http://127.0.0.1:${port}/openmeetings`,
      omPublicUrl: 'https://om.example.org/openmeetings',
      user: 'soapuser',
      password: '!HansHans1',
      resolveUser: guestVisitors({externalType: 'test'}),
    });
    const response = await handler(
      new Request('http://127.0.0.1/api/om/join', {
        method: 'POST',
        headers: {'content-type': 'application/json'},
        body: '{"roomId":1}',
      }),
    );
    const text = await response.text();
    handler.close();

    assert.equal(response.status, 502);
    assert.match(text, /"code":"network"/);
    assert.match(text, /ECONNREFUSED/, 'the cause stays readable');
    assert.doesNotMatch(text, /127\.0\.0\.1/);
    assert.doesNotMatch(text, new RegExp(`:${port}\\b`));
  });

  const internalBase = 'http://om.internal:5080/openmeetings';
  const cases: Array<[string, string]> = [
    ['an IPv4 peer with its port', 'connect ECONNREFUSED 10.1.2.3:5080'],
    ['an IPv6 peer', 'connect ECONNREFUSED ::1:5080'],
    ['a bracketed IPv6 peer', 'connect ECONNREFUSED [fd00::7]:5080'],
    ['the internal host name', 'getaddrinfo ENOTFOUND om.internal'],
    ['the internal host with its port', 'socket hang up om.internal:5080'],
  ];
  for (const [what, message] of cases) {
    it(`masks ${what}`, () => {
      const text = redact(message, {internalBase, password: 'irrelevant'});
      assert.doesNotMatch(text, /10\.1\.2\.3|::1|fd00|om\.internal|5080/);
    });
  }

  it('leaves error keys, statuses and times alone', () => {
    const message = 'HTTP 500 error.notallowed at 12:30';
    assert.equal(redact(message, {internalBase, password: 'irrelevant'}), message);
  });
});
