import type { AttributeValue } from './doc-model';

/** Attributes of a fenced block, or the reason they could not be read. */
export interface InfoAttributes {
  attributes: Record<string, AttributeValue>;
  error?: string;
}

/**
 * Reads the attributes from the part of a fence info string after the language. Two forms:
 * ours, `{name=check-db cwd=deploy timeout=30 confirm}` (values may be quoted), and Runme's JSON,
 * `{"name":"check-db","cwd":"deploy"}`. Bare `key=value` words without braces are accepted too.
 * Numbers and `true`/`false` become numbers and booleans; a bare key is `true`.
 * Returns `{ attributes: {} }` for an empty meta, and `error` when the text cannot be read.
 */
export function parseInfoAttributes(meta: string | null | undefined): InfoAttributes {
  const text = (meta ?? '').trim();
  if (!text) return { attributes: {} };
  if (text.startsWith('{') && /^\{\s*"/.test(text)) return parseJsonAttributes(text);
  const inner = text.startsWith('{') ? (text.endsWith('}') ? text.slice(1, -1) : undefined) : text;
  if (inner === undefined) return { attributes: {}, error: 'the `{` of the attributes is not closed' };
  return parseKeyValueAttributes(inner);
}

function parseJsonAttributes(text: string): InfoAttributes {
  try {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      return { attributes: {}, error: 'the JSON attributes must be an object' };
    }
    const attributes: Record<string, AttributeValue> = {};
    for (const [key, value] of Object.entries(parsed)) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
        attributes[key] = typeof value === 'string' ? coerce(value) : value;
      }
    }
    return { attributes };
  } catch (error) {
    return { attributes: {}, error: `the JSON attributes do not parse (${(error as Error).message})` };
  }
}

const TOKEN = /\s*([A-Za-z_][\w.-]*)(?:\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^\s"',]+(?:,[^\s"',]+)*)))?\s*,?/y;

function parseKeyValueAttributes(text: string): InfoAttributes {
  const attributes: Record<string, AttributeValue> = {};
  TOKEN.lastIndex = 0;
  let position = 0;
  while (position < text.length) {
    if (/^\s*$/.test(text.slice(position))) break;
    TOKEN.lastIndex = position;
    const match = TOKEN.exec(text);
    if (!match || match[0].length === 0) {
      return { attributes: {}, error: `cannot read the attributes near \`${text.slice(position, position + 20).trim()}\`` };
    }
    const [, key, doubleQuoted, singleQuoted, bare] = match;
    if (doubleQuoted !== undefined) attributes[key!] = doubleQuoted.replace(/\\(.)/g, '$1');
    else if (singleQuoted !== undefined) attributes[key!] = singleQuoted;
    else if (bare !== undefined) attributes[key!] = coerce(bare);
    else attributes[key!] = true;
    position = TOKEN.lastIndex;
  }
  return { attributes };
}

function coerce(value: string): AttributeValue {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^-?\d+(?:\.\d+)?$/.test(value)) return Number(value);
  return value;
}
