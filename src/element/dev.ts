/** Misuse warnings show in Vite dev builds only. Tests switch them on here. */
export const devMode = {
  // Vite replaces import.meta.env; elsewhere (tests, plain ESM) it is undefined and nothing warns.
  warnings: (import.meta as ImportMeta & {env?: {DEV?: boolean}}).env?.DEV === true,
};

const shown = new WeakMap<Element, Set<string>>();

/** Warns once per element and code, with the element attached so it can be inspected. */
export function warnOnce(element: Element, code: string, message: string): void {
  if (!devMode.warnings) return;
  const codes = shown.get(element) ?? new Set<string>();
  if (codes.has(code)) return;

  codes.add(code);
  shown.set(element, codes);
  console.warn(`om-join-button [${code}]: ${message}`, element);
}
