import {OmJoinButton} from './om-join-button.js';

// A page may include the script twice; a second define() would throw and stop the rest of its
// bundle (protocol §14).
if (!customElements.get('om-join-button')) customElements.define('om-join-button', OmJoinButton);

declare global {
  interface HTMLElementTagNameMap {
    'om-join-button': OmJoinButton;
  }
}

export {OmJoinButton};
