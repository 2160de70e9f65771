import { displayText } from './historyDisplay';

/**
 * A response tab's title: the method and the request as the user typed it, without `/rest/vNN`,
 * with no file extension (the tab's language is set apart). Characters that cannot be in a file
 * name (Save As proposes the title) become spaces; at most 80 characters.
 * `status` is given only for a tab that is never reused (sugar.keepEveryResponse).
 */
export function responseTitle(method: string, url: string, status?: number): string {
  let path = url;
  let search = '';
  try {
    const parsed = new URL(url);
    path = parsed.pathname.replace(/^\/rest\/v[^/]+/, '') || '/';
    search = parsed.search.slice(1);
  } catch {
    // Not a URL: the text as it is.
  }
  const request = displayText(search ? `${path} ${search}` : path);
  const title = `${method.toUpperCase()} ${request}${status === undefined ? '' : ` · ${status}`}`;
  return title.replace(/[\\/:*?"<>|#%\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80);
}
