// Entry of the script-tag builds: registers <om-join-button> and gives scripts
// `window.OmJoinButton` and, when the page has jQuery, `$(selector).omJoinButton(options)`.
import {OmError} from './client/errors.js';
import {VERSION} from './element/define.js';
import type {OmJoinButton as OwnElement} from './element/om-join-button.js';
import {installJQueryPlugin} from './jquery.js';
import {join} from './scripting.js';

// The class the page runs: an earlier copy of this script may have registered its own.
const OmJoinButton = customElements.get('om-join-button') as typeof OwnElement;

export {OmError, OmJoinButton, VERSION as version, join};
export type {OmJoinOptions, OmJoinOutcome} from './scripting.js';
export type * from './element/events.js';

declare global {
  /** Set by the script-tag builds. */
  var OmJoinButton: {
    OmJoinButton: typeof OwnElement;
    OmError: typeof OmError;
    join: typeof join;
    version: string;
  };
}

// The IIFE build assigns this global itself; the ES module build has no other way to offer it.
globalThis.OmJoinButton ??= {OmJoinButton, OmError, join, version: VERSION};
installJQueryPlugin();
