import type { ApiRequest, SugarTarget } from './client';

/** String work only: this runs on every request, and `new URL` costs more than the rest of it. */
export function buildApiUrl(target: Pick<SugarTarget, 'instanceUrl' | 'apiVersion'>, request: Pick<ApiRequest, 'path' | 'query'>): string {
  let path = request.path.startsWith('/') ? request.path : `/${request.path}`;
  if (/[^\x21-\x7e]/.test(path)) path = encodeURI(path);
  let url = `${target.instanceUrl}/rest/${target.apiVersion}${path}`;
  if (request.query) {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(request.query)) {
      if (value !== undefined) params.append(name, String(value));
    }
    const query = params.toString();
    if (query) url += (url.includes('?') ? '&' : '?') + query;
  }
  return url;
}
