// dist/undici.js: only the parts of undici the HTTP layer uses (src/core/sugar/http.ts), required
// from their own files. undici's index also pulls in fetch, WebSocket, EventSource, caches and
// mocks, about half of its bundle, which the extension never runs. Same names as undici's index,
// so the unbundled tests (which load undici itself) and the bundle answer alike.
'use strict';
const Agent = require('undici/lib/dispatcher/agent');
const ProxyAgent = require('undici/lib/dispatcher/proxy-agent');
const EnvHttpProxyAgent = require('undici/lib/dispatcher/env-http-proxy-agent');
const util = require('undici/lib/core/util');

module.exports = { Agent, ProxyAgent, EnvHttpProxyAgent, util: { parseHeaders: util.parseHeaders } };
