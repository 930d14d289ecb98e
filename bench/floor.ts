// The floor our dependencies set: the smallest useful Lit element that posts through ky and opens
// a window. The bundle benchmark builds it beside ours and compares the two.
import ky from 'ky';
import {LitElement, html} from 'lit';

class FloorButton extends LitElement {
  static properties = {endpoint: {}};
  endpoint = '';

  render() {
    return html`<button @click=${this.join}><slot></slot></button>`;
  }

  private async join() {
    const room = window.open('', 'room');
    const {url} = await ky.post(this.endpoint, {json: {}}).json<{url: string}>();
    room?.location.replace(url);
  }
}

customElements.define('floor-button', FloorButton);
