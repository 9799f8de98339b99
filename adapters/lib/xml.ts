/**
 * Streaming XML (saxes): the file is read chunk by chunk and every element of a given name is
 * yielded as a small tree once it closes, with the line of its open tag. Memory is bounded by one
 * such element. A parse error ends the stream with one error row at its line; the elements closed
 * before it are kept. The encoding declared in the XML prolog (ISO-8859-1 in many LHEO exports) is
 * honoured.
 */
import { createReadStream, existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { errorRow, type ErrorRow } from '../../src/model/index.js';

/** An element: its name without namespace prefix, attributes, child elements and own text. */
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
  line: number;
}

export type XmlEvent = { kind: 'element'; node: XmlNode } | { kind: 'error'; error: ErrorRow };

const local = (name: string) => name.slice(name.indexOf(':') + 1);

async function declaredEncoding(path: string): Promise<BufferEncoding> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(256);
    const { bytesRead } = await fh.read(buf, 0, 256, 0);
    const head = buf.subarray(0, bytesRead).toString('latin1');
    return /encoding=["'](iso-8859-1|iso-8859-15|latin-?1|windows-1252)["']/i.test(head) ? 'latin1' : 'utf8';
  } finally {
    await fh.close();
  }
}

/**
 * @example
 *   for await (const ev of xmlElements(dir, 'formations.xml', 'formation', 'carif-oref')) …
 */
export async function* xmlElements(dir: string, file: string, element: string, source: string): AsyncGenerator<XmlEvent> {
  const path = join(dir, file);
  const base = { source, id: '', resource: 'record' as const, file: path, field: '', value: '' };
  if (!existsSync(path)) {
    yield { kind: 'error', error: errorRow({ ...base, line: 0, rule: 'missing_file', message: `${file} is missing from ${dir}` }) };
    return;
  }
  const parser = new SaxesParser({ position: true });
  const stack: XmlNode[] = [];
  const done: XmlNode[] = [];
  let failure: ErrorRow | undefined;
  let seen = false;
  parser.on('opentag', (tag) => {
    seen = true;
    const name = local(tag.name);
    if (stack.length === 0 && name !== element) return;
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(tag.attributes)) attrs[local(k)] = String(v);
    const node: XmlNode = { name, attrs, children: [], text: '', line: parser.line };
    if (stack.length) stack[stack.length - 1].children.push(node);
    stack.push(node);
  });
  const onText = (t: string) => { if (stack.length) stack[stack.length - 1].text += t; };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    if (!stack.length) return;
    const node = stack.pop()!;
    node.text = node.text.trim();
    if (stack.length === 0) done.push(node);
  });
  parser.on('error', (err) => {
    failure ??= errorRow({ ...base, line: parser.line, rule: 'malformed_xml', message: `${file}: ${err.message}` });
  });
  const flush = function* (): Generator<XmlEvent> {
    while (done.length) yield { kind: 'element', node: done.shift()! };
  };
  try {
    const encoding = await declaredEncoding(path);
    for await (const chunk of createReadStream(path, { encoding })) {
      parser.write(chunk as string);
      yield* flush();
      if (failure) break;
    }
    if (!failure) parser.close();
    yield* flush();
  } catch (err) {
    failure ??= errorRow({ ...base, line: parser.line, rule: 'malformed_xml', message: `${file}: ${(err as Error).message}` });
  }
  if (!failure && !seen) failure = errorRow({ ...base, line: 0, rule: 'empty_file', message: `${path} holds no XML element` });
  if (failure) yield { kind: 'error', error: failure };
}

/** The first child element of that name. */
export const child = (n: XmlNode | undefined, name: string): XmlNode | undefined => n?.children.find((c) => c.name === name);

/** Every child element of that name. */
export const childrenOf = (n: XmlNode | undefined, name: string): XmlNode[] => n?.children.filter((c) => c.name === name) ?? [];

/**
 * The text at a path of child names, or null.
 *
 * @example
 *   textAt(action, 'lieu-de-formation', 'coordonnees', 'adresse', 'codepostal') // '35000'
 */
export function textAt(n: XmlNode | undefined, ...path: string[]): string | null {
  let cur = n;
  for (const p of path) cur = child(cur, p);
  return cur && cur.text !== '' ? cur.text : null;
}
