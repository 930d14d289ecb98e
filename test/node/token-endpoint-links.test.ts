import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {hashes, openRoom, rawRequest, startEndpoint, startOm, UUID} from './server-support.js';

/** Follows nothing: the test reads the redirect itself, as a browser would before following. */
function getLink(url: string, headers: Record<string, string>) {
  return rawRequest(url, {method: 'GET', headers});
}

describe('token endpoint join links (GET)', () => {
  it('redirects a same-origin link to the room, uncached and without a referrer', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om);

    const answer = await getLink(`${endpoint.url}?roomId=5&language=2&firstname=Lea`, {
      'sec-fetch-site': 'same-origin',
    });

    assert.equal(answer.status, 302);
    assert.equal(answer.headers['cache-control'], 'no-store');
    assert.equal(answer.headers['referrer-policy'], 'no-referrer');
    const location = new URL(String(answer.headers.location));
    assert.match(location.searchParams.get('secure')!, UUID);
    const room = await openRoom(location.href);
    assert.deepEqual([room.roomId, room.user, room.language], [5, 'Lea', 2]);
  });

  it('gives the guest cookie with the redirect', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om);

    const answer = await getLink(`${endpoint.url}?roomId=1`, {'sec-fetch-site': 'same-origin'});

    const [cookie] = answer.headers['set-cookie'] as string[];
    assert.match(cookie, /^om_guest=[0-9a-f-]{36}; .*HttpOnly/);
    assert.equal(cookie.split(';', 1)[0], `om_guest=${hashes(om)[0].user?.externalId}`);
  });

  it('follows a link typed or bookmarked (Sec-Fetch-Site: none)', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om);

    const answer = await getLink(`${endpoint.url}?roomId=1`, {'sec-fetch-site': 'none'});

    assert.equal(answer.status, 302);
  });

  it('refuses a cross-site link with 403 and never asks OpenMeetings', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om);

    const answer = await getLink(`${endpoint.url}?roomId=1`, {
      'sec-fetch-site': 'cross-site',
      referer: 'https://evil.example/page',
    });

    assert.equal(answer.status, 403);
    assert.equal(answer.headers.location, undefined);
    assert.match(answer.text, /cross-site/);
    assert.deepEqual(om.emulator.log(), []);
  });

  it('refuses a same-site link from a sibling host that is not listed', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om);

    const answer = await getLink(`${endpoint.url}?roomId=1`, {
      'sec-fetch-site': 'same-site',
      referer: 'https://blog.example.org/',
    });

    assert.equal(answer.status, 403);
  });

  it('follows a cross-site link whose Referer is a listed origin', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om, {allowedOrigins: ['https://www.example.org']});

    const answer = await getLink(`${endpoint.url}?roomId=1`, {
      'sec-fetch-site': 'cross-site',
      referer: 'https://www.example.org/courses/1',
    });

    assert.equal(answer.status, 302);
  });

  it('needs a same-origin Referer from a browser without Sec-Fetch-Site', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om);
    const link = `${endpoint.url}?roomId=1`;

    const own = await getLink(link, {referer: `${endpoint.origin}/courses`});
    const foreign = await getLink(link, {referer: 'https://evil.example/'});
    const none = await getLink(link, {});

    assert.deepEqual([own.status, foreign.status, none.status], [302, 403, 403]);
    assert.match(none.text, /Referer/);
  });

  it('refuses a malformed link query by field', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om);
    const cases: Array<[string, string]> = [
      ['roomId=abc', 'roomId'],
      ['roomId=-5', 'roomId'],
      ['roomId=1&roomId=2', 'roomId'],
      ['roomId=99999999999999999', 'roomId'],
      ['', 'roomId'],
      ['roomId=1&language=de', 'language'],
      ['roomId=1&moderator=true', 'moderator'],
      ['roomId=1&firstname=%00', 'firstname'],
    ];

    for (const [query, field] of cases) {
      const answer = await getLink(`${endpoint.url}?${query}`, {'sec-fetch-site': 'same-origin'});

      assert.equal(answer.status, 400, query);
      assert.equal(JSON.parse(answer.text).error.field, field, query);
    }
    assert.deepEqual(om.emulator.log(), []);
  });

  it('answers 405 to GET when links are turned off', async (t) => {
    const om = await startOm(t);
    const endpoint = await startEndpoint(t, om, {links: false});

    const answer = await getLink(`${endpoint.url}?roomId=1`, {'sec-fetch-site': 'same-origin'});

    assert.equal(answer.status, 405);
    assert.equal(answer.headers.allow, 'POST, OPTIONS');
  });
});
