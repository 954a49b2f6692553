// xenstore-read/xenstore-ls escape values (xs_lib.c sanitise_value); this undoes it.

/** Reverses `\\`, `\t`, `\n`, `\r`, `\NNN` (octal) and `\xNN` escapes. */
export function unsanitiseValue(text: string): string {
  return text.replace(/\\(x[0-9a-fA-F]{2}|[0-7]{3}|.)/g, (_, e: string) => {
    if (e[0] === 'x') return String.fromCharCode(Number.parseInt(e.slice(1), 16));
    if (/^[0-7]{3}$/.test(e)) return String.fromCharCode(Number.parseInt(e, 8));
    return { t: '\t', n: '\n', r: '\r', '\\': '\\' }[e] ?? e;
  });
}

/** The same escaping xenstore-read applies. */
export function sanitiseValue(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (ch === '\\') out += '\\\\';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (c < 8) out += `\\${c.toString(8).padStart(3, '0')}`;
    else if (c >= 0x20 && c <= 0x7e) out += ch;
    else out += `\\x${c.toString(16).padStart(2, '0')}`;
  }
  return out;
}
