/** Tests on candidate secrets: is a value a credential, a placeholder, random, base64 of what? */

/**
 * Values that name or hide a secret rather than being one: `$VAR`, `${VAR:-x}`, `$(command …`,
 * `<placeholder …`, `[placeholder]`, `YOUR_SECRET`, `****`, `{{ template }}`, `${{ expression }}`,
 * `ENV["X"]` and the like. Values arrive cut at the first space, so openings count on their own.
 */
export function isPlaceholder(value: string): boolean {
  if (/^(?:\$\{?[A-Za-z_][A-Za-z0-9_]*(?:[:?+=-][^}]*)?\}?|\*+|•+|%[A-Za-z_][A-Za-z0-9_]*%|REDACTED)$/s.test(value)) return true;
  // Openings: command substitution, template and workflow expressions, angle and square brackets.
  if (/^(?:\$\(|`|\$?\{\{|<[^<>]*>?$|\[[\w .-]*\]?$)/.test(value)) return true;
  // Code that reads the secret from somewhere else.
  if (/^(?:ENV\[|process\.env\b|os\.environ\b|os\.getenv\(|getenv\(|System\.getenv\()/.test(value)) return true;
  // Upper-case words joined by underscores, without digits: YOUR_SECRET, API_TOKEN_HERE.
  return /^[A-Z]+(?:_[A-Z]+)+$/.test(value);
}

/** Config values that are clearly not secrets even under a secret-sounding key. */
export function isInertValue(value: string): boolean {
  return /^(?:true|false|null|nil|none|undefined|yes|no|on|off|required|optional|read|write)$/i.test(value);
}

/** Looks like a credential rather than a word: at least 8 characters, and a digit or at least 24 characters. */
export function isTokenLike(value: string): boolean {
  return value.length >= 8 && (/\d/.test(value) || value.length >= 24);
}

/** True when the text just before `index` is an `Authorization:` header name. */
export function afterAuthorizationHeader(text: string, index: number): boolean {
  return /authorization["']?[ \t]*[:=][ \t]*["']?$/i.test(text.slice(Math.max(0, index - 40), index));
}

/** The text base64 `value` decodes to, or undefined when it is not base64 (standard or URL-safe). */
export function decodeBase64(value: string): string | undefined {
  const standard = value.replace(/-/g, '+').replace(/_/g, '/');
  const bare = standard.replace(/=+$/, '');
  // Checked first: atob throws on bad input, and exceptions are slow on megabytes of word-like text.
  if (!/^[A-Za-z0-9+/]*$/.test(bare) || bare.length % 4 === 1 || standard.length - bare.length > 2) return undefined;
  const padded = bare + '='.repeat((4 - (bare.length % 4)) % 4);
  try {
    return atob(padded);
  } catch {
    return undefined;
  }
}

/** Base64 that decodes to printable `user:password`. */
export function isBasicCredential(value: string): boolean {
  if (value.length % 4 !== 0) return false;
  const decoded = decodeBase64(value);
  return decoded !== undefined && /^[\x20-\x7e]+$/.test(decoded) && /^[^:]+:[^:]/.test(decoded);
}

/**
 * Base64 standing alone that decodes to `user:password` (a Docker `auth`, a `.dockerconfigjson`, a
 * Kubernetes secret value): a user name of word characters, a colon, a password of at least three
 * printable characters without spaces. URLs (`http://…`), times and `key: value` text are not.
 */
export function isEncodedUserPassword(value: string): boolean {
  if (value.length < 12) return false;
  const decoded = decodeBase64(value);
  if (decoded === undefined) return false;
  const m = /^([A-Za-z_][\w.@+-]{0,63}):([\x21-\x7e]{3,128})$/.exec(decoded);
  return m !== null && !m[2]!.startsWith('//') && !/^\d{1,2}(?::\d{2})?$/.test(m[2]!);
}

/** Base64 whose first line decodes to a PEM private key header (`-----BEGIN … PRIVATE KEY-----`). */
export function isEncodedPrivateKey(value: string): boolean {
  try {
    return /^-----BEGIN [A-Z0-9 ]*PRIVATE KEY/.test(atob(value.slice(0, 64)));
  } catch {
    return false;
  }
}

/** Shannon entropy of the characters of `value`, in bits per character. */
export function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const c of value) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * Looks like a random credential rather than an identifier people read: at least 20 characters,
 * letters and digits mixed, high entropy (≥ 3.5 bits a character), and none of the shapes that are
 * ids, not secrets: UUIDs, hex shorter than 32 (SHAs are 40: they need a secret word before them,
 * see the rules), lower-case names with dashes (pod and resource names), dotted versions, paths,
 * and base64 that decodes to readable text.
 */
export function looksRandom(value: string): boolean {
  const core = value.replace(/=+$/, '');
  if (core.length < 20 || !/\d/.test(core) || !/[A-Za-z]/.test(core)) return false;
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(core)) return false;
  if (/^[0-9a-f]+$/i.test(core)) return core.length >= 32;
  if (/^[a-z0-9]+(?:[-.][a-z0-9]+)+$/.test(core)) return false;
  if (core.includes('/') && /^[\w.-]+(?:\/[\w.-]+)+$/.test(core) && !/[A-Z].*\d|\d.*[A-Z]/.test(core)) return false;
  const decoded = decodeBase64(value);
  if (decoded !== undefined && /^[\x20-\x7e\n\t]+$/.test(decoded) && /[a-z]{3,} [a-z]{2,}/i.test(decoded)) return false;
  return entropy(core) >= 3.5;
}
