// The floor without ky: the same minimal element, posting with fetch. Lit's own weight, which no
// Lit element can go below.
import {LitElement, html} from 'lit';

class FloorButton extends LitElement {
  static properties = {endpoint: {}};
  endpoint = '';

  render() {
    return html`<button @click=${this.join}><slot></slot></button>`;
  }

  private async join() {
    const room = window.open('', 'room');
    const answer = await fetch(this.endpoint, {method: 'POST', body: '{}'});
    const {url} = (await answer.json()) as {url: string};
    room?.location.replace(url);
  }
}

customElements.define('floor-button', FloorButton);
