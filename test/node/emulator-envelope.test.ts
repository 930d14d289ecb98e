import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import type {RunningEmulator} from '../../src/emulator/index.js';
import {headerValues, postHash, raw, sid, SOAP_USER, start, VISITOR} from './emulator-helpers.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';
const UUID_ENVELOPE = new RegExp(`^\\{"serviceResult":\\{"message":"${UUID}","type":"SUCCESS"}}$`);

/** The envelope the error service sends for a message already in its JSON form. */
const success = (json: string) => `{"serviceResult":{"message":${json},"type":"SUCCESS"}}`;

describe('emulator envelope (protocol §2)', () => {
  let om: RunningEmulator;
  before(async () => {
    om = await start({
      labels: {
        'test.integer': {1: '42'},
        'test.negative': {1: '-7'},
        'test.decimal': {1: '1.5'},
        'test.true': {1: 'true'},
        'test.false': {1: 'FALSE'},
        'test.mixed': {1: '12 apples'},
        'test.hex': {1: '0x10'},
      },
    });
  });
  after(() => om.close());

  const errorText = async (key: string) => {
    const response = await fetch(`${om.url}/services/error/${key}/1`);

    return response.text();
  };

  it('writes compact JSON with message before type, no code, as application/json', async () => {
    const response = await fetch(`${om.url}/services/user/login`, {
      method: 'POST',
      body: new URLSearchParams(SOAP_USER),
    });

    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/json');
    assert.match(await response.text(), UUID_ENVELOPE);
  });

  it('writes business errors as HTTP 200 with type ERROR', async () => {
    const body = new URLSearchParams({user: 'soapuser', pass: 'wrong'});
    const response = await fetch(`${om.url}/services/user/login`, {method: 'POST', body});

    assert.equal(response.status, 200);
    assert.equal(
      await response.text(),
      '{"serviceResult":{"message":"error.bad.credentials","type":"ERROR"}}',
    );
  });

  it('turns texts that read as Java numbers into JSON numbers', async () => {
    assert.equal(await errorText('test.integer'), success('42'));
    assert.equal(await errorText('test.negative'), success('-7'));
    assert.equal(await errorText('test.decimal'), success('1.5'));
  });

  it('turns "true" and "false" texts into JSON booleans', async () => {
    assert.equal(await errorText('test.true'), success('true'));
    assert.equal(await errorText('test.false'), success('false'));
  });

  it('keeps texts that only start like numbers as strings', async () => {
    assert.equal(await errorText('test.mixed'), success('"12 apples"'));
    assert.equal(await errorText('test.hex'), success('"0x10"'));
  });
});

describe('emulator framework errors (protocol §2)', () => {
  let om: RunningEmulator;
  before(async () => {
    om = await start();
  });
  after(() => om.close());

  it('answers unknown paths with 404 and an empty body', async () => {
    for (const path of ['/services/user/nothing', '/services/nothing', '/nothing']) {
      const response = await fetch(`${om.url}${path}`);

      assert.equal(response.status, 404, path);
      assert.equal(await response.text(), '', path);
    }
  });

  it('answers a wrong method with 405 and one Allow line per allowed method', async () => {
    const response = await raw(`${om.url}/services/user/hash`, 'GET');

    assert.equal(response.status, 405);
    assert.equal(response.body, '');
    assert.deepEqual(headerValues(response, 'allow'), ['POST']);
  });

  it('answers an Accept header without JSON with 406', async () => {
    for (const accept of ['text/html', 'application/xml, text/*', 'application/json;q=0']) {
      const response = await fetch(`${om.url}/services/user/login`, {
        method: 'POST',
        headers: {accept},
        body: new URLSearchParams(SOAP_USER),
      });

      assert.equal(response.status, 406, accept);
      assert.equal(await response.text(), '', accept);
    }
  });

  it('accepts wildcards and JSON among other types', async () => {
    for (const accept of ['*/*', 'application/*', 'text/html, application/json;q=0.5']) {
      const response = await fetch(`${om.url}/services/user/login`, {
        method: 'POST',
        headers: {accept},
        body: new URLSearchParams(SOAP_USER),
      });

      assert.equal(response.status, 200, accept);
    }
  });

  it('answers a JSON or text body with 415 before looking at the fields', async () => {
    const body = JSON.stringify({user: VISITOR, options: {roomId: 5}});
    for (const type of ['application/json', 'text/plain']) {
      const url = `${om.url}/services/user/hash?sid=not-a-sid`;
      const response = await raw(url, 'POST', {'content-type': type}, body);

      assert.equal(response.status, 415, type);
      assert.equal(response.body, '', type);
    }
  });

  it('answers a field that must hold JSON but does not with 400', async () => {
    const response = await postHash(om, 'not-a-sid', {user: '{externalId:', options: {roomId: 5}});

    assert.equal(response.status, 400);
    assert.equal(await response.text(), '');
  });
});

describe('emulator form parameters (protocol §3)', () => {
  let om: RunningEmulator;
  before(async () => {
    om = await start();
  });
  after(() => om.close());

  const loginUrl = () => `${om.url}/services/user/login`;
  const credentials = 'user=soapuser&pass=%21HansHans1';

  it('reads multipart/form-data', async () => {
    const body = new FormData();
    body.set('user', SOAP_USER.user);
    body.set('pass', SOAP_USER.pass);
    const response = await fetch(loginUrl(), {method: 'POST', body});

    assert.match(await response.text(), UUID_ENVELOPE);
  });

  it('reads a body without Content-Type as urlencoded', async () => {
    const response = await raw(loginUrl(), 'POST', {}, credentials);

    assert.match(response.body, UUID_ENVELOPE);
  });

  it('reads a body sent as */* as urlencoded', async () => {
    const response = await raw(loginUrl(), 'POST', {'content-type': '*/*'}, credentials);

    assert.match(response.body, UUID_ENVELOPE);
  });

  it('reads the fields from the query string when the body is empty', async () => {
    const response = await raw(`${loginUrl()}?${credentials}`, 'POST', {
      'content-type': 'application/x-www-form-urlencoded',
    });

    assert.match(response.body, UUID_ENVELOPE);
  });

  it('answers multipart/form-data without a boundary with 400', async () => {
    const response = await raw(loginUrl(), 'POST', {'content-type': 'multipart/form-data'}, 'x');

    assert.equal(response.status, 400);
  });

  it('reads UTF-8 in urlencoded and multipart bodies alike', async () => {
    const name = 'Łucja 日本 عائشة';
    const user = JSON.stringify({...VISITOR, firstname: name});
    const options = JSON.stringify({roomId: 5});
    const multipart = new FormData();
    multipart.set('user', user);
    multipart.set('options', options);
    const bodies = [new URLSearchParams({user, options}), multipart];
    for (const body of bodies) {
      const url = `${om.url}/services/user/hash?sid=${await sid(om)}`;
      assert.equal((await fetch(url, {method: 'POST', body})).status, 200);
    }

    const users = om.emulator.log().flatMap((entry) => (entry.kind === 'hash' ? [entry.user] : []));
    assert.deepEqual(
      users.map((entry) => entry?.firstname),
      [name, name],
    );
  });
});
