import {css} from 'lit';

// Colours use light-dark() with the page's inherited color-scheme; the plain value before each
// one is for browsers without light-dark().
export const styles = css`
  :host {
    display: inline-block;
    vertical-align: middle;
    font: inherit;
  }

  :host([hidden]) {
    display: none;
  }

  [hidden] {
    display: none !important;
  }

  .box {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    row-gap: 0.5em;
  }

  [part='button'] {
    display: inline-flex;
    align-items: center;
    gap: 0.5em;
    margin: 0;
    border: 1px solid transparent;
    border-radius: var(--om-join-radius, 4px);
    padding: var(--om-join-padding, 0.5em 1.1em);
    font: var(--om-join-font, inherit);
    line-height: 1.25;
    color: #fff;
    color: var(--om-join-color, light-dark(#fff, #0b1d3a));
    background: #1a5bb8;
    background: var(--om-join-background, light-dark(#1a5bb8, #9cc3ff));
    cursor: pointer;
  }

  [part='button']:hover {
    filter: brightness(1.08);
  }

  [part='button']:focus-visible,
  ::slotted(a:focus-visible) {
    outline: 2px solid #1a5bb8;
    outline: var(--om-join-focus-ring, 2px solid light-dark(#1a5bb8, #9cc3ff));
    outline-offset: 2px;
  }

  [part='button'][aria-busy='true'] {
    cursor: progress;
  }

  [part='button'][aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.55;
    filter: none;
  }

  [part='spinner'] {
    flex: none;
    box-sizing: border-box;
    width: 1em;
    height: 1em;
    border: 0.15em solid currentColor;
    border-inline-end-color: transparent;
    border-radius: 50%;
    animation: om-join-spin 0.8s linear infinite;
  }

  /* The live region stays rendered while empty, or screen readers miss its first message. */
  [part='status']:not(:empty) {
    margin-inline-start: 0.75em;
  }

  [part='status'].error {
    color: #b3261e;
    color: var(--om-join-error-color, light-dark(#b3261e, #ffb4ab));
  }

  [part='link'] {
    margin-inline-start: 0.5em;
    color: inherit;
    font-weight: 600;
  }

  [part='frame'] {
    display: block;
    box-sizing: border-box;
    width: 100%;
    min-height: 32rem;
    margin-block-start: 0.5em;
    border: 1px solid currentColor;
    border-radius: var(--om-join-radius, 4px);
  }

  @keyframes om-join-spin {
    to {
      transform: rotate(1turn);
    }
  }

  @media (prefers-reduced-motion: reduce) {
    [part='spinner'] {
      animation: none;
      border-style: dotted;
    }
  }

  @media (forced-colors: active) {
    [part='button'] {
      border-color: ButtonText;
      color: ButtonText;
      background: ButtonFace;
    }

    [part='button'][aria-disabled='true'] {
      border-color: GrayText;
      color: GrayText;
    }

    [part='button']:focus-visible {
      outline-color: Highlight;
    }

    [part='status'].error {
      color: CanvasText;
    }
  }
`;
