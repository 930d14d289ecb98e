import {readFile, writeFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';

/** The parts of a custom-elements.json declaration the table shows. */
interface Entry {
  name: string;
  description?: string;
  default?: string;
  type?: {text: string};
}

interface Member extends Entry {
  kind: 'field' | 'method';
  privacy?: string;
  static?: boolean;
  attribute?: string;
  readonly?: boolean;
  return?: {type?: {text: string}};
  parameters?: Array<{name: string; type?: {text: string}}>;
}

interface Declaration extends Entry {
  tagName?: string;
  attributes?: Array<Entry & {fieldName?: string}>;
  members?: Member[];
  events?: Entry[];
  slots?: Entry[];
  cssParts?: Entry[];
  cssProperties?: Entry[];
}

interface Manifest {
  modules: Array<{declarations?: Declaration[]}>;
}

const HEADER =
  '<!-- Generated from custom-elements.json by `npm run docs:api` after `npm run build`. ' +
  'Edit the JSDoc in src/element/om-join-button.ts instead. -->';

/** demo/API.md: every attribute, property, method, event, slot, part and custom property. */
export function apiTable(manifest: Manifest): string {
  const element = manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .find((declaration) => declaration.tagName === 'om-join-button');
  if (!element) throw new Error('custom-elements.json has no <om-join-button>');

  const members = (element.members ?? []).filter((m) => m.privacy !== 'private' && !m.static);
  const fields = members.filter((m) => m.kind === 'field' && !m.attribute);
  const methods = members.filter((m) => m.kind === 'method');
  const attributes = (element.attributes ?? []).map((attribute) => [
    code(attribute.name),
    code(attribute.fieldName),
    code(attribute.type?.text),
    code(attribute.default),
    text(attribute.description),
  ]);

  return [
    HEADER,
    '',
    `# \`<${element.tagName}>\``,
    '',
    text(element.description),
    '',
    section('Attributes', ['Attribute', 'Property', 'Type', 'Default', 'Description'], attributes),
    section(
      'Properties without an attribute',
      ['Property', 'Type', 'Description'],
      fields.map((f) => [code(f.name), code(f.type?.text), text(f.description) + readonly(f)]),
    ),
    section(
      'Methods',
      ['Method', 'Description'],
      methods.map((m) => [code(signature(m)), text(m.description)]),
    ),
    section('Events', ['Event', 'Type', 'Description'], rows(element.events, 'type')),
    section('Slots', ['Slot', 'Description'], (element.slots ?? []).map(slotRow)),
    section('CSS parts', ['Part', 'Description'], rows(element.cssParts)),
    section(
      'CSS custom properties',
      ['Property', 'Default', 'Description'],
      rows(element.cssProperties, 'default'),
    ),
  ].join('\n');
}

function rows(entries: Entry[] | undefined, extra?: 'type' | 'default'): string[][] {
  return (entries ?? []).map((entry) => {
    const second = extra === 'type' ? entry.type?.text : extra === 'default' ? entry.default : null;

    return second === null
      ? [code(entry.name), text(entry.description)]
      : [code(entry.name), code(second), text(entry.description)];
  });
}

function signature(method: Member): string {
  const parameters = (method.parameters ?? []).map((parameter) => parameter.name).join(', ');

  return `${method.name}(${parameters}): ${method.return?.type?.text ?? 'void'}`;
}

function slotRow(slot: Entry): string[] {
  return [slot.name ? code(slot.name) : '(default)', text(slot.description)];
}

function section(title: string, head: string[], body: string[][]): string {
  if (body.length === 0) return '';
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;

  return [`## ${title}`, '', line(head), line(head.map(() => '---')), ...body.map(line), ''].join(
    '\n',
  );
}

function readonly(member: Member): string {
  return member.readonly ? ' Read-only.' : '';
}

function code(value: string | undefined): string {
  return value ? `\`${value.replaceAll('|', '\\|')}\`` : '';
}

function text(value: string | undefined): string {
  return (value ?? '').replace(/\s*\n\s*/g, ' ').replaceAll('|', '\\|');
}

async function main(): Promise<void> {
  const manifest = JSON.parse(await readFile('custom-elements.json', 'utf8')) as Manifest;
  await writeFile('demo/API.md', apiTable(manifest));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
