import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {hashes, openRoom, rawRequest, startEndpoint, startOm} from './server-support.js';

interface Bad {
  name: string;
  method?: string;
  query?: string;
  body?: string;
  contentType?: string;
  status: number;
  field?: string;
}

const post = (name: string, body: string, field: string, status = 400): Bad => ({
  name,
  body,
  field,
  status,
});
const typed = (contentType: string): Bad => ({
  name: `Content-Type ${contentType}`,
  body: '{"roomId":1}',
  contentType,
  status: 415,
  field: 'content-type',
});
const link = (name: string, query: string, field: string): Bad => ({
  name: `a link with ${name}`,
  method: 'GET',
  query,
  field,
  status: 400,
});

// What token-endpoint-input.test.ts and token-endpoint-links.test.ts leave out.
const badRequests: Bad[] = [
  post('a roomId that JSON reads as Infinity', '{"roomId":1e309}', 'roomId'),
  post('a roomId of minus zero', '{"roomId":-0}', 'roomId'),
  post('a later duplicate key that is not a number', '{"roomId":5,"roomId":"5"}', 'roomId'),
  post('a recordingId as an object', '{"recordingId":{"id":1}}', 'recordingId'),
  post('a language as a string', '{"roomId":1,"language":"2"}', 'language'),
  post('a firstname as an array', '{"roomId":1,"firstname":["Ada"]}', 'firstname'),
  post('a lastname with a DEL character', '{"roomId":1,"lastname":"Bob\\u007f"}', 'lastname'),
  post('a hash field', '{"roomId":1,"hash":"0f0f0f0f-0000-4000-8000-000000000000"}', 'hash'),
  post('an email field', '{"roomId":1,"email":"boss@example.org"}', 'email'),
  post('a login field', '{"roomId":1,"login":"admin"}', 'login'),
  post('an options object', '{"roomId":1,"options":{"moderator":true}}', 'options'),
  post('JSON with a trailing comma', '{"roomId":1,}', 'body'),
  post('JSON with a comment', '{"roomId":1 /* hi */}', 'body'),
  post('two JSON objects', '{"roomId":1}{"roomId":2}', 'body'),
  post('a JSON number', '5', 'body'),
  typed('application/json; charset=utf-16'),
  typed('application/json, text/plain'),
  typed('application/ld+json'),
  typed('text/json'),
  {name: 'a DELETE', method: 'DELETE', body: '{"roomId":1}', status: 405},
  {name: 'a PATCH', method: 'PATCH', body: '{"roomId":1}', status: 405},
  link('a fullwidth digit', 'roomId=%EF%BC%95', 'roomId'),
  link('a signed room id', 'roomId=%2B5', 'roomId'),
  link('a text recording id', 'recordingId=abc', 'recordingId'),
  link('a long external room id', `externalRoomId=${'x'.repeat(200)}`, 'externalRoomId'),
  link('a SID', 'roomId=1&sid=0f0f0f0f-0000-4000-8000-000000000000', 'sid'),
  link('a name given twice', 'roomId=1&firstname=Ada&firstname=Eve', 'firstname'),
  link('a line break in a name', 'roomId=1&lastname=Bob%0D%0ASet-Cookie:%20x', 'lastname'),
];

describe('token endpoint bad input, beyond the first tables', () => {
  it(`refuses ${badRequests.length} more requests by field, before any OM call`, async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om);

    for (const bad of badRequests) {
      const method = bad.method ?? 'POST';
      const headers: Record<string, string> = {'sec-fetch-site': 'same-origin'};
      if (method !== 'GET') headers['content-type'] = bad.contentType ?? 'application/json';
      // Node sends a DELETE body unframed unless told its length.
      if (bad.body) headers['content-length'] = String(Buffer.byteLength(bad.body));
      const url = bad.query ? `${endpoint.url}?${bad.query}` : endpoint.url;
      const answer = await rawRequest(url, {method, headers, body: bad.body});

      assert.equal(answer.status, bad.status, `${bad.name}: ${answer.text}`);
      const {error} = JSON.parse(answer.text) as {error: {field?: string; message: string}};
      assert.equal(error.field, bad.field, bad.name);
      if (bad.field) assert.ok(error.message.includes(bad.field), `${bad.name}: ${error.message}`);
    }

    assert.deepEqual(om.emulator.log(), [], 'no login, no hash');
  });

  it('gives no moderator right through __proto__ or constructor keys', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om);
    const body = '{"roomId":1,"__proto__":{"moderator":true},"constructor":{"moderator":true}}';
    const headers = {'content-type': 'application/json'};

    const answer = await rawRequest(endpoint.url, {headers, body});

    assert.equal(answer.status, 200, answer.text);
    assert.equal(hashes(om)[0].options?.moderator, false);
    assert.equal(({} as {moderator?: unknown}).moderator, undefined, 'no prototype polluted');
  });

  it('takes the JSON type in any letter case, and a UTF-8 byte order mark', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om);
    const headers = {'content-type': 'Application/JSON; Charset="UTF-8"'};

    const answer = await rawRequest(endpoint.url, {headers, body: '\ufeff{"roomId":1}'});

    assert.equal(answer.status, 200, answer.text);
  });

  it('lets a link carry a right-to-left name and emoji, spelled exactly', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om);
    const query = new URLSearchParams({roomId: '2', firstname: 'نرگس', lastname: '🚀 Test'});
    const headers = {'sec-fetch-site': 'same-origin'};

    const answer = await rawRequest(`${endpoint.url}?${query}`, {method: 'GET', headers});

    assert.equal(answer.status, 302, answer.text);
    const room = await openRoom(String(answer.headers.location));
    assert.equal(room.user, 'نرگس 🚀 Test');
  });
});
