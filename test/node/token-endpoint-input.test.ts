import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {hashes, openRoom, postJoin, rawRequest, startEndpoint, startOm} from './server-support.js';

interface BadRequest {
  name: string;
  body: string | Buffer | Buffer[];
  contentType?: string | null;
  status: number;
  field: string;
}

const json = (value: unknown) => JSON.stringify(value);
const withRoom = (extra: Record<string, unknown>) => json({roomId: 5, ...extra});
const bad = (
  name: string,
  field: string,
  body: BadRequest['body'],
  status = 400,
  contentType?: string | null,
): BadRequest => ({name, field, body, status, contentType});
const chunks = [
  Buffer.from('{"roomId":5,"pad":"'),
  Buffer.alloc(3000, 'x'),
  Buffer.alloc(3000, 'y'),
  Buffer.from('"}'),
];
const room5 = json({roomId: 5});

const badRequests: BadRequest[] = [
  bad('an empty object', 'roomId', '{}'),
  bad('a roomId as a string', 'roomId', json({roomId: '5'})),
  bad('a negative roomId', 'roomId', json({roomId: -1})),
  bad('a roomId of zero', 'roomId', json({roomId: 0})),
  bad('a fractional roomId', 'roomId', json({roomId: 1.5})),
  bad('a roomId of 1e300', 'roomId', '{"roomId":1e300}'),
  bad('a roomId above 2^53', 'roomId', '{"roomId":9007199254740993}'),
  bad('a null roomId', 'roomId', '{"roomId":null}'),
  bad('a boolean roomId', 'roomId', json({roomId: true})),
  bad('a roomId in an array', 'roomId', json({roomId: [5]})),
  bad('a negative recordingId', 'recordingId', json({recordingId: -3})),
  bad('a text recordingId', 'recordingId', json({recordingId: 'x'})),
  bad('a language code', 'language', withRoom({language: 'de'})),
  bad('a language of zero', 'language', withRoom({language: 0})),
  bad('a negative language', 'language', withRoom({language: -2})),
  bad('a huge language id', 'language', withRoom({language: 100000})),
  bad('a numeric firstname', 'firstname', withRoom({firstname: 42})),
  bad('a firstname of 65 characters', 'firstname', withRoom({firstname: 'a'.repeat(65)})),
  bad('a lastname with a NUL', 'lastname', withRoom({lastname: 'Bob\u0000'})),
  bad('a lastname with a newline', 'lastname', withRoom({lastname: 'Bob\nEve'})),
  bad('a lone surrogate in a name', 'lastname', '{"roomId":5,"lastname":"\\ud800"}'),
  bad('a numeric externalRoomId', 'externalRoomId', json({externalRoomId: 12})),
  bad('a 200-character externalRoomId', 'externalRoomId', json({externalRoomId: 'x'.repeat(200)})),
  bad('a moderator flag', 'moderator', withRoom({moderator: true})),
  bad('an externalId', 'externalId', withRoom({externalId: 'admin'})),
  bad('an externalType', 'externalType', withRoom({externalType: 'other'})),
  bad('a reusable hash', 'allowSameURLMultipleTimes', withRoom({allowSameURLMultipleTimes: 1})),
  bad('a SID', 'sid', withRoom({sid: '0f0f0f0f-0000-4000-8000-000000000000'})),
  bad('a user object', 'user', withRoom({user: {externalId: '1'}})),
  bad('a JSON array', 'body', '[5]'),
  bad('a JSON string', 'body', '"roomId=5"'),
  bad('JSON null', 'body', 'null'),
  bad('text that is not JSON', 'body', 'roomId=5'),
  bad('truncated JSON', 'body', '{"roomId":5'),
  bad('an empty body', 'body', ''),
  bad('bytes that are not UTF-8', 'body', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])),
  bad('a body over 4 KiB with Content-Length', 'body', withRoom({pad: 'x'.repeat(5000)}), 413),
  bad('a chunked body over 4 KiB', 'body', chunks, 413),
  bad('text/plain', 'content-type', room5, 415, 'text/plain'),
  bad('an HTML form', 'content-type', 'roomId=5', 415, 'application/x-www-form-urlencoded'),
  bad('multipart', 'content-type', '--x\r\n\r\n--x--', 415, 'multipart/form-data; boundary=x'),
  bad('no Content-Type', 'content-type', room5, 415, null),
  bad('JSON in Latin-1', 'content-type', room5, 415, 'application/json; charset=iso-8859-1'),
  bad('a JSON lookalike type', 'content-type', room5, 415, 'application/jsonp'),
];

describe('token endpoint input checks', () => {
  it(`refuses ${badRequests.length} malformed requests by field, before any OM call`, async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om);

    for (const bad of badRequests) {
      const headers: Record<string, string> = {origin: endpoint.origin};
      if (bad.contentType !== null) headers['content-type'] = bad.contentType ?? 'application/json';
      if (Array.isArray(bad.body)) headers['transfer-encoding'] = 'chunked';
      const answer = await rawRequest(endpoint.url, {headers, body: bad.body});

      assert.equal(answer.status, bad.status, `${bad.name}: ${answer.text}`);
      const {error} = JSON.parse(answer.text) as {error: {field: string; message: string}};
      assert.equal(error.field, bad.field, bad.name);
      const says = `${bad.name}: "${error.message}" names ${bad.field}`;
      assert.ok(error.message.includes(bad.field), says);
    }

    assert.deepEqual(om.emulator.log(), [], 'no login, no hash');
  });

  it('ignores fields it does not know', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om);

    const answer = await postJoin(endpoint.url, {roomId: 5, colour: 'teal', version: 2});

    assert.equal(answer.status, 200);
  });

  const names = [
    ['Arabic, right to left', 'مريم', 'الحسيني'],
    ['Hebrew, right to left', 'דוד', 'לוי'],
    ['Persian with a zero-width non-joiner', 'نرگس', 'می\u200cخواهم'],
    ['emoji with a skin tone and ZWJ', 'Ada 👩🏽‍💻', '🚀'],
    ['Chinese and combining accents', '李', 'Zoe\u0308'],
  ];
  for (const [kind, firstname, lastname] of names) {
    it(`lets a visitor in with a ${kind} name, spelled exactly`, async (t) => {
      const om = await startOm(t);
      const endpoint = await startEndpoint(t, om);

      const answer = await postJoin(endpoint.url, {roomId: 2, firstname, lastname});

      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(hashes(om)[0].user?.firstname, firstname);
      assert.equal((await openRoom(answer.body.url!)).user, `${firstname} ${lastname}`);
    });
  }

  it('strips bidi override characters from a guest name', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om);

    await postJoin(endpoint.url, {roomId: 2, firstname: 'Eve\u202egnp.exe'});

    assert.equal(hashes(om)[0].user?.firstname, 'Evegnp.exe');
  });
});
