/**
 * JSON text of a value, cut at `limit` characters (with …): built piece by piece so that a huge
 * answer costs no more than the limit, whatever its size or depth.
 */
export function shortJson(value: unknown, limit: number): string {
  const out: string[] = [];
  let length = 0;
  const push = (text: string): boolean => {
    out.push(text);
    length += text.length;
    return length <= limit;
  };
  const write = (item: unknown, depth: number): boolean => {
    if (item === undefined) return push('null');
    if (item === null || typeof item !== 'object') {
      // A long string is cut before it is escaped: JSON.stringify of a megabyte is a megabyte.
      const cut = typeof item === 'string' && item.length > limit ? item.slice(0, limit + 1) : item;
      return push(JSON.stringify(cut) ?? String(cut));
    }
    if (depth > 32) return push('…');
    if (Array.isArray(item)) {
      if (!push('[')) return false;
      for (let i = 0; i < item.length; i++) if ((i > 0 && !push(',')) || !write(item[i], depth + 1)) return false;
      return push(']');
    }
    if (!push('{')) return false;
    let first = true;
    for (const key in item) {
      if (!Object.prototype.hasOwnProperty.call(item, key)) continue;
      if ((!first && !push(',')) || !push(`${JSON.stringify(key.length > limit ? key.slice(0, limit + 1) : key)}:`)) return false;
      first = false;
      if (!write((item as Record<string, unknown>)[key], depth + 1)) return false;
    }
    return push('}');
  };
  write(value, 0);
  const text = out.join('');
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}
