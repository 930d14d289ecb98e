import {LitElement, html, nothing, type PropertyValues} from 'lit';
import type {OmError, OmErrorCode} from '../client/errors.js';
import {parseLanguageId} from '../client/languages.js';
import {parseConfig, readFlag, validate, type JoinConfig} from './config.js';
import {warnOnce} from './dev.js';
import {errorText, stringsFor} from './i18n.js';
import {asOmError, roomUrlFor} from './join-flow.js';
import {resolveLanguage} from './language.js';
import {styles} from './om-join-button.styles.js';
import {
  ROOM_WINDOW_NAME,
  checkRoomUrl,
  discardRoom,
  openFor,
  pageNavigation,
  showRoom,
  type RoomWindow,
} from './open-room.js';

const flag = {fromAttribute: readFlag, toAttribute: (value: boolean) => (value ? '' : null)};

/**
 * A button that sends the visitor into an OpenMeetings room. Each activation asks for a fresh
 * one-time hash, through the site's token endpoint or, in same-origin mode, from OpenMeetings.
 *
 * @fires om-join-start - Cancelable, before any request. `detail: {mode, roomId}`, with
 *   `externalRoomId` or `recordingId` when those pick the room.
 * @fires om-join-success - The room is opening. `detail: {mode, roomId, target}`; never the URL.
 * @fires om-join-error - The join failed. `detail: {error: OmError, code, message}`.
 * @fires om-join-blocked - The browser blocked the window; a link or this tab takes over.
 *   `detail: {mode, roomId, fallback: 'link' | 'navigate'}`.
 *
 * @slot - The button's label. A wrapped `<a href>` stays a plain link for modified clicks.
 *
 * @csspart button - The native button.
 * @csspart label - The label around the slot.
 * @csspart spinner - Shown while busy.
 * @csspart status - Polite live region for progress and errors.
 * @csspart link - "Open the meeting", shown when the browser blocked the window.
 * @csspart frame - The room for `target="iframe"`.
 *
 * @cssprop [--om-join-background] - Button background.
 * @cssprop [--om-join-color] - Button text colour.
 * @cssprop [--om-join-radius=4px] - Corner radius of the button and the frame.
 * @cssprop [--om-join-padding=0.5em 1.1em] - Button padding.
 * @cssprop [--om-join-font=inherit] - Button font shorthand.
 * @cssprop [--om-join-focus-ring] - `outline` of the focused button.
 * @cssprop [--om-join-error-color] - Colour of error text.
 *
 * @attr token-endpoint - The site's token endpoint; recommended.
 * @attr base-url - The OpenMeetings base, e.g. `/openmeetings`.
 * @attr room-id - The room to enter.
 * @attr external-room-id - The room by its external id.
 * @attr recording-id - A recording to play instead of a room.
 * @attr language - OpenMeetings language id; wins over `lang`.
 * @attr target - `window` (default), `_blank`, `_self` or `iframe`.
 * @attr blocked - `link` (default) or `navigate`: what to do when the window is blocked.
 * @attr busy - Reflected while a join runs.
 * @attr error - Reflected error code of the last failed join.
 */
export class OmJoinButton extends LitElement {
  static override styles = styles;

  static override shadowRootOptions: ShadowRootInit = {
    ...LitElement.shadowRootOptions,
    delegatesFocus: true,
  };

  static override properties = {
    tokenEndpoint: {attribute: 'token-endpoint'},
    baseUrl: {attribute: 'base-url'},
    roomId: {attribute: 'room-id'},
    externalRoomId: {attribute: 'external-room-id'},
    recordingId: {attribute: 'recording-id'},
    language: {},
    target: {},
    blocked: {},
    firstname: {},
    lastname: {},
    omUser: {attribute: 'om-user'},
    omPassword: {attribute: 'om-password'},
    externalId: {attribute: 'external-id'},
    externalType: {attribute: 'external-type'},
    externalRoomType: {attribute: 'external-room-type'},
    email: {},
    profilePictureUrl: {attribute: 'profile-picture-url'},
    moderator: {converter: flag},
    disabled: {converter: flag},
    busyText: {attribute: 'busy-text'},
    errorText: {attribute: 'error-text'},
    linkText: {attribute: 'link-text'},
    busy: {type: Boolean, reflect: true},
    error: {reflect: true},
  };

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  /** The site's endpoint that answers with a room URL. Relative URLs follow `document.baseURI`. */
  declare tokenEndpoint: string | undefined;
  /** OpenMeetings base; the room URL must be on its origin. Required in same-origin mode. */
  declare baseUrl: string | undefined;
  /** Room id; a positive whole number. */
  declare roomId: string | number | undefined;
  /** Room external id; same-origin mode pairs it with `externalRoomType`. */
  declare externalRoomId: string | undefined;
  /** Recording id, to show the recording player instead of a room. */
  declare recordingId: string | number | undefined;
  /** OpenMeetings language id (2 is German); wins over `lang` and the browser's languages. */
  declare language: string | number | undefined;
  /** Where the room opens: `window` (one named tab, the default), `_blank`, `_self`, `iframe`. */
  declare target: string | undefined;
  /** When the browser blocks the window: show a `link` (default) or `navigate` this tab. */
  declare blocked: string | undefined;
  /** Visitor's first name: a hint to the token endpoint, or the name in same-origin mode. */
  declare firstname: string | undefined;
  /** Visitor's last name, as `firstname`. */
  declare lastname: string | undefined;
  /** Same-origin mode: API user. Every visitor can read it; prefer `token-endpoint`. */
  declare omUser: string | undefined;
  /** Same-origin mode: API password. Every visitor can read it; prefer `token-endpoint`. */
  declare omPassword: string | undefined;
  /** Same-origin mode: the visitor's id in your system; one per person. */
  declare externalId: string | undefined;
  /** Same-origin mode: the name of your system; also the visitor's OpenMeetings group. */
  declare externalType: string | undefined;
  /** Same-origin mode: external type of `externalRoomId`; defaults to `externalType`. */
  declare externalRoomType: string | undefined;
  /** Same-origin mode: the visitor's e-mail, stored when OpenMeetings first sees them. */
  declare email: string | undefined;
  /** Same-origin mode: avatar URL; its host must be in OpenMeetings' `header.csp.image`. */
  declare profilePictureUrl: string | undefined;
  /** Same-origin mode: enter as super-moderator. `moderator="false"` is false. */
  declare moderator: boolean;
  /** Ignores activation; the button stays focusable. `disabled="false"` is false. */
  declare disabled: boolean;
  /** Replaces the localized "Joining…". */
  declare busyText: string | undefined;
  /** Replaces the localized error text. */
  declare errorText: string | undefined;
  /** Replaces the localized "Open the meeting". */
  declare linkText: string | undefined;
  /** True while a join runs; reflected. Set by the element. */
  declare busy: boolean;
  /** Code of the last failure, e.g. `config` or `network`; reflected. Set by the element. */
  declare error: OmErrorCode | undefined;
  /** Replaces the global fetch for this element's requests, e.g. to add a proxy or count calls. */
  declare fetch: typeof globalThis.fetch | undefined;

  #failure: OmError | undefined;
  #roomLink: string | undefined;
  #frameUrl: string | undefined;

  constructor() {
    super();
    this.moderator = false;
    this.disabled = false;
    this.busy = false;
    // Listening from the constructor: connectedCallback runs again whenever a page builder moves
    // the element, and a listener added there would fire once per move (protocol §14).
    this.addEventListener('click', this.#onClick);
  }

  /** The last failure, with every fact; undefined after a successful join. */
  get lastError(): OmError | undefined {
    return this.#failure;
  }

  /** The first configuration problem, or undefined when the element can join. */
  validate(): OmError | undefined {
    return validate(this, document.baseURI);
  }

  /**
   * Joins as a click would. Resolves when the join has ended and never rejects: outcomes are
   * events and state. Called without a user gesture, the browser may block the window.
   */
  async join(): Promise<void> {
    if (this.busy || this.disabled) return;

    let config: JoinConfig;
    try {
      config = parseConfig(this, document.baseURI);
    } catch (error) {
      this.#fail(asOmError(error));

      return;
    }
    // Busy before om-join-start, so a listener that calls join() cannot start a second join.
    this.busy = true;
    if (!this.#emit('om-join-start', {mode: config.mode, ...config.room}, true)) {
      this.busy = false;

      return;
    }
    this.#clear();
    const language = resolveLanguage(this, config.language).id;
    // Open the window before any await: Safari and iOS drop the click's activation after one.
    const room = openFor(config.target);
    try {
      const url = await roomUrlFor(config, language, this.fetch);
      const refusal = checkRoomUrl(url, config.baseUrl, window.location.href);
      if (refusal) throw refusal;
      // Not busy before the outcome event, so a listener may start the next join at once.
      this.busy = false;
      this.#deliver(config, url, room);
    } catch (error) {
      this.busy = false;
      discardRoom(room);
      this.#fail(asOmError(error));
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A new place may have a different `lang`.
    this.requestUpdate();
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  override render() {
    const {locale, rtl} = resolveLanguage(this, parseLanguageId(this.language));
    const strings = stringsFor(locale);
    const failure = this.#failure;
    let status: string | typeof nothing = nothing;
    if (this.busy) status = this.busyText || strings.busy;
    else if (failure) status = this.errorText || errorText(strings, failure.code, failure.field);
    const link = this.#roomLink
      ? html`<a part="link" href=${this.#roomLink} target=${ROOM_WINDOW_NAME} rel="noopener"
          >${this.linkText || strings.link}</a
        >`
      : nothing;
    const spinner = html`<span part="spinner" aria-hidden="true" ?hidden=${!this.busy}></span>`;
    const fallbackLabel = this.#hasLabel()
      ? nothing
      : html`<span lang=${locale}>${strings.label}</span>`;
    const slot = html`<slot @slotchange=${() => this.requestUpdate()}></slot>`;
    const control = this.#wrappedLink()
      ? html`${slot}${spinner}`
      : html`<button
          part="button"
          type="button"
          aria-busy=${this.busy ? 'true' : nothing}
          aria-disabled=${this.disabled ? 'true' : nothing}
          aria-describedby="status"
        >
          ${spinner}<span part="label">${slot}${fallbackLabel}</span>
        </button>`;

    return html`<div class="box" dir=${rtl ? 'rtl' : nothing}>
        ${control}<span
          id="status"
          part="status"
          role="status"
          lang=${locale}
          class=${failure ? 'error' : ''}
          >${status}${link}</span
        >
      </div>
      ${this.#frameUrl
        ? html`<iframe
            part="frame"
            src=${this.#frameUrl}
            title=${strings.frame}
            allow="microphone; camera; display-capture; fullscreen"
          ></iframe>`
        : nothing}`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    const link = this.#wrappedLink();
    if (link) {
      toggleAria(link, 'aria-busy', this.busy);
      toggleAria(link, 'aria-disabled', this.disabled);
    }
    if (changed.has('omPassword') && this.omPassword) {
      const message = 'every visitor can read om-password in this page; use token-endpoint.';
      warnOnce(this, 'exposed-password', message);
    }
  }

  #onClick = (event: MouseEvent): void => {
    const path = event.composedPath();
    const link = this.#wrappedLink();
    const onLink = link !== null && path.includes(link);
    const button = this.renderRoot.querySelector('button');
    if (!onLink && !(button && path.includes(button))) return;
    // A modified click on the wrapped link opens it the browser's way: new tab, window, download.
    if (onLink && isModified(event)) return;
    if (onLink) event.preventDefault();

    void this.join();
  };

  #deliver(config: JoinConfig, url: string, room: RoomWindow | null | undefined): void {
    const facts = {mode: config.mode, ...config.room, target: config.target};
    if (config.target === '_self') {
      this.#emit('om-join-success', facts);
      pageNavigation.assign(url);
    } else if (config.target === 'iframe') {
      this.#frameUrl = url;
      this.#emit('om-join-success', facts);
    } else if (room && !room.win.closed) {
      showRoom(room, url);
      this.#emit('om-join-success', facts);
    } else {
      this.#emit('om-join-blocked', {mode: config.mode, ...config.room, fallback: config.blocked});
      if (config.blocked === 'navigate') pageNavigation.assign(url);
      else this.#roomLink = url;
    }
    this.requestUpdate();
  }

  #fail(error: OmError): void {
    this.#failure = error;
    this.error = error.code;
    this.#emit('om-join-error', {error, code: error.code, message: error.message});
  }

  #clear(): void {
    this.#failure = undefined;
    this.error = undefined;
    this.#roomLink = undefined;
    this.#frameUrl = undefined;
  }

  #emit(type: string, detail: object, cancelable = false): boolean {
    const event = new CustomEvent(type, {detail, bubbles: true, composed: true, cancelable});

    return this.dispatchEvent(event);
  }

  #wrappedLink(): HTMLAnchorElement | null {
    return this.querySelector('a[href]');
  }

  #hasLabel(): boolean {
    return Array.from(this.childNodes).some(
      (node) => node.nodeType === Node.ELEMENT_NODE || !!node.textContent?.trim(),
    );
  }
}

function isModified(event: MouseEvent): boolean {
  return event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey;
}

function toggleAria(element: Element, name: string, on: boolean): void {
  if (on) element.setAttribute(name, 'true');
  else element.removeAttribute(name);
}

