// Helpers to read the static markup of a rendered screen without a DOM (jsdom is not installed): the
// values of an attribute, the tags that carry one, and the text of an element found by attribute.

import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { StateSnapshot } from '../../../electron/contract/index.ts';
import type { IntentToSend } from '../../../renderer/src/components/screen-context.ts';
import { KioskScreen } from '../../../renderer/src/screens/kiosk-screen.tsx';

/** The kiosk screen for `snapshot` as HTML, with the snapshot just received. */
export function renderKiosk(snapshot: StateSnapshot, receivedAt = Date.now(), send: (intent: IntentToSend) => void = () => undefined): string {
  return renderToStaticMarkup(createElement(KioskScreen, { snapshot, receivedAt, send }));
}

/** Opening tags (`<button ...>`) that carry `attribute`, in document order. */
export function tagsWith(html: string, attribute: string): string[] {
  const pattern = new RegExp(`<[a-zA-Z][^>]*\\s${attribute}(?:="[^"]*")?[^>]*>`, 'g');
  return html.match(pattern) ?? [];
}

/** The value of `attribute` in one opening tag, or null. */
export function attr(tag: string, attribute: string): string | null {
  const match = new RegExp(`\\s${attribute}="([^"]*)"`).exec(tag);
  return match ? decode(match[1]!) : null;
}

/** Every value of `attribute` in the document, in order. */
export function attrValues(html: string, attribute: string): string[] {
  return tagsWith(html, attribute).map((tag) => attr(tag, attribute) ?? '');
}

/** The text inside the first element whose opening tag carries `attribute="value"` (tags stripped). */
export function textOf(html: string, attribute: string, value: string): string | null {
  const start = html.search(new RegExp(`<[a-zA-Z][^>]*\\s${attribute}="${escapeRegExp(value)}"[^>]*>`));
  if (start < 0) return null;
  const tagEnd = html.indexOf('>', start) + 1;
  const name = /^<([a-zA-Z0-9]+)/.exec(html.slice(start))![1]!;
  // Find the matching close tag, counting nested tags of the same name.
  let depth = 1;
  const re = new RegExp(`<(/?)${name}(?=[\\s>])[^>]*>`, 'g');
  re.lastIndex = tagEnd;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html))) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return decode(html.slice(tagEnd, m.index).replace(/<[^>]+>/g, ''));
  }
  return null;
}

/** All visible text of the document (tags stripped, entities decoded). */
export function visibleText(html: string): string {
  return decode(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
}

function decode(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
