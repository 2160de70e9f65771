/**
 * The /help page, shaped like Sugar's: not a table but a `row-fluid line` div per endpoint; the
 * first cell holds the request type and a `help_link_N` span with the full path; then method name,
 * short help, exception links (or "None"), score; then the collapsed `endpoint_N_full` long help.
 * N counts every route in sorted order, so rows left out for lack of short help leave gaps.
 */
import type { CompiledRoute } from './router';

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const ORDER = ['GET', 'POST', 'PUT', 'DELETE'];

/** Byte order like PHP's sort, not locale order, so `/<module>` sorts before `/Accounts...` the same everywhere. */
const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function fullPath(route: CompiledRoute): string {
  return (
    '/' +
    route.segments.map((s) => (s.kind === 'module' ? '<module>' : s.kind === 'var' ? `:${s.name}` : s.value)).join('/')
  );
}

function exceptionsCell(exceptions: string[] | undefined): string {
  if (!exceptions || exceptions.length === 0) return 'None';
  return exceptions.map((e) => `<a href="./help/exceptions#${esc(e)}">${esc(e)}</a>`).join(', ');
}

function row(route: CompiledRoute, i: number): string {
  const d = route.def;
  const long = d.longHelp ?? '<span class="lead">No additional help.</span>';
  return `
            <div class="row-fluid line">
                <div class="row-fluid">
                    <div class="span3">
                        ${esc(d.reqType)}
                        <span id="help_link_${i}" class="btn-link" type="button" data-toggle="collapse"
                              data-target="#endpoint_${i}_full">
                            ${esc(fullPath(route))}
                        </span>
                    </div>
                    <div class="span2">
                        ${esc(d.method)}
                    </div>
                    <div class="span3">
                        ${esc(d.shortHelp ?? '')}
                    </div>
                    <div class="span2">
                        ${exceptionsCell(d.exceptions)}
                    </div>
                    <div class="span1 score">
                        ${route.score.toFixed(2)}
                    </div>
                </div>
                <div id="endpoint_${i}_full" class="row-fluid collapse">
                    <div class="span12 well">
${long}
                    </div>
                </div>
            </div>`;
}

export function renderHelpPage(routes: CompiledRoute[]): string {
  const sorted = [...routes].sort(
    (a, b) => byteOrder(fullPath(a), fullPath(b)) || ORDER.indexOf(a.def.reqType) - ORDER.indexOf(b.def.reqType),
  );
  const rows = sorted.map((r, i) => (r.def.shortHelp ? row(r, i) : '')).join('');
  return `<!DOCTYPE HTML>
<html>
    <head>
        <title>SugarCRM Auto Generated API Help</title>
        <style>
            body { padding: 5px; }
            .line { border-bottom: 1px solid black; }
            .score { text-align: right; }
        </style>
    </head>
    <body>
        <h2>SugarCRM API</h2>
        <p><a href="./help/exceptions">Documentation on SugarAPI exceptions and error messages</a></p>
        <div class="container-fluid">
            <div class="row-fluid">
                <div class="span4"><h1>Endpoint</h1></div>
                <div class="span2"><h1>Method</h1></div>
                <div class="span3"><h1>Description</h1></div>
                <div class="span2"><h1>Exceptions</h1></div>
                <div class="span1 score"><h1>Score</h1></div>
            </div>
${rows}
        </div>
    </body>
</html>
`;
}

const EXCEPTIONS: Array<[number, string, string]> = [
  [301, 'incorrect_version', 'The requested API version is not supported.'],
  [400, 'invalid_grant', 'The refresh token is invalid or expired.'],
  [401, 'need_login', 'The endpoint needs authentication.'],
  [403, 'not_authorized', 'The user may not do this.'],
  [404, 'no_method', 'No route matches the request.'],
  [404, 'not_found', 'The record does not exist.'],
  [412, 'metadata_out_of_date', 'The client metadata hash is stale.'],
  [422, 'invalid_parameter', 'A parameter is not valid.'],
  [500, 'fatal_error', 'The server failed.'],
  [503, 'maintenance', 'The instance is in maintenance mode.'],
];

export function renderExceptionsPage(): string {
  const rows = EXCEPTIONS.map(([s, l, d]) => `<tr><td>${s}</td><td>${l}</td><td>${esc(d)}</td></tr>`).join('\n');
  return `<!DOCTYPE HTML>
<html><head><title>SugarCRM API Exceptions</title></head>
<body><h2>SugarAPI exceptions</h2>
<table class="table table-hover"><tr><th>HTTP code</th><th>Error label</th><th>Description</th></tr>
${rows}
</table></body></html>
`;
}
