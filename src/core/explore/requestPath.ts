/**
 * Paths are relative to the connection's /rest/{version}; people paste them with the prefix,
 * without the leading slash, or as whole URLs. The query string stays on the path.
 */
export function normalizeRequestPath(input: string): string {
  let path = input.trim();
  const absolute = /^https?:\/\/[^/]+(\/.*)?$/i.exec(path);
  if (absolute) path = absolute[1] ?? '/';
  path = path.replace(/^\/?rest\/v\d+(?:_\d+)?(?=\/|\?|$)/i, '');
  if (!path.startsWith('/')) path = `/${path}`;
  return path;
}

/** The variables of an endpoint path in order: `:record` and the module wildcard `<module>`. */
export function pathVariables(path: string): string[] {
  return [...path.matchAll(/<module>|:([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => match[1] ?? 'module');
}
