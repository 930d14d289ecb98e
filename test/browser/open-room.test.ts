import {expect} from '@open-wc/testing';
import {checkRoomUrl, isLoopback} from '../../src/element/open-room.js';

const room = 'https://om.example.org/openmeetings/hash?secure=0f1e2d3c&language=2';
const page = 'https://www.example.org/courses/1';

describe('room URL checks', () => {
  it('accepts an https room on the configured OpenMeetings origin', () => {
    expect(checkRoomUrl(room, 'https://om.example.org/openmeetings', page)).to.equal(undefined);
  });

  it('refuses a room URL that is not http(s)', () => {
    const refusal = checkRoomUrl('javascript:alert(1)', undefined, page);

    expect(refusal?.code).to.equal('refused');
    expect(refusal?.message).to.contain('javascript:');
  });

  it('refuses a room on another origin than base-url, without showing the hash', () => {
    const refusal = checkRoomUrl(room, 'https://other.example.org/openmeetings', page);

    expect(refusal?.code).to.equal('refused');
    expect(refusal?.message).to.contain('https://other.example.org').and.contain('base-url');
    expect(refusal?.message).not.to.contain('0f1e2d3c');
    expect(refusal?.url).to.equal('https://om.example.org/openmeetings/hash');
  });

  it('refuses an http room on an https page as mixed content', () => {
    const refusal = checkRoomUrl(room.replace('https:', 'http:'), undefined, page);

    expect(refusal?.message).to.contain('mixed content');
  });

  it('refuses a loopback room for a page that is not on loopback', () => {
    const local = 'https://localhost:5443/openmeetings/hash?secure=0f1e2d3c';

    expect(checkRoomUrl(local, undefined, page)?.message).to.contain('loopback');
    expect(checkRoomUrl(local, undefined, 'https://127.0.0.1:8000/')).to.equal(undefined);
  });

  it('knows the loopback names and addresses', () => {
    for (const host of ['localhost', 'om.localhost', '127.0.0.1', '127.8.9.10', '[::1]']) {
      expect(isLoopback(host), host).to.equal(true);
    }
    for (const host of ['om.example.org', '10.0.0.1', 'localhost.example.org']) {
      expect(isLoopback(host), host).to.equal(false);
    }
  });
});
