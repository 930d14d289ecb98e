import {OmJoinButton} from './om-join-button.js';

/** This copy's version. The package test keeps it equal to package.json's. */
export const VERSION = '0.1.0';

// Symbol.for keys are shared by every copy on the page, unlike anything in module scope.
const versionKey = Symbol.for('om-join-button.version');
const warnedKey = Symbol.for('om-join-button.mismatch-warned');

type Marked = CustomElementConstructor & Record<symbol, unknown>;

const registered = customElements.get('om-join-button') as Marked | undefined;
// A page may include the script twice; a second define() would throw and stop the rest of its
// bundle (protocol §14).
if (!registered) {
  Object.defineProperty(OmJoinButton, versionKey, {value: VERSION});
  customElements.define('om-join-button', OmJoinButton);
} else if (registered[versionKey] !== VERSION && !registered[warnedKey]) {
  registered[warnedKey] = true;
  const first = String(registered[versionKey] ?? 'an unknown version');
  // Shown in production builds too, unlike the element's misuse warnings: two CMS plugins that
  // each bring their own copy are a production page's problem, and only the page sees it (#6).
  console.warn(
    `om-join-button ${VERSION} is not in use: ${first} defined <om-join-button> first. ` +
      'Include one copy of the script.',
  );
}

declare global {
  interface HTMLElementTagNameMap {
    'om-join-button': OmJoinButton;
  }
}

export {OmJoinButton};
export type * from './events.js';
