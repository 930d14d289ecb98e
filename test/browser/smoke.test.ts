import {expect} from '@open-wc/testing';
import {languageIdForTag} from '../../src/client/languages.js';

describe('smoke', () => {
  it('maps de to 2', () => {
    expect(languageIdForTag('de')).to.equal(2);
  });
});
