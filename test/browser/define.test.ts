import {expect} from '@open-wc/testing';
import {OmJoinButton} from '../../src/element/define.js';

describe('om-join-button registration', () => {
  it('registers the element once and tolerates the script being included again', async () => {
    // A query string makes the browser run the module a second time; unguarded, it would throw.
    await import(/* @vite-ignore */ `../../src/element/define.ts?again=${Date.now()}`);

    expect(customElements.get('om-join-button')).to.equal(OmJoinButton);
    expect(document.createElement('om-join-button')).to.be.instanceOf(OmJoinButton);
  });
});
