import { createHash } from 'node:crypto';

// Renders /v1/openapi.json in the browser without any CDN asset: the page works offline and
// its only script is inline, allowed by hash in the Content-Security-Policy.
const DOCS_SCRIPT = `
(async function () {
  var root = document.getElementById('operations');
  var problems = document.getElementById('problems');
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.append(c); });
    return node;
  }
  function resolve(doc, schema, depth) {
    if (!schema || depth > 6) return schema;
    if (schema.$ref) {
      var name = schema.$ref.split('/').pop();
      return Object.assign({ title: name }, resolve(doc, doc.components.schemas[name], depth + 1));
    }
    var out = Array.isArray(schema) ? [] : {};
    Object.keys(schema).forEach(function (k) {
      var v = schema[k];
      out[k] = v && typeof v === 'object' ? resolve(doc, v, depth + 1) : v;
    });
    return out;
  }
  function schemaBlock(doc, label, schema) {
    return el('details', {}, [el('summary', {}, [label]), el('pre', {}, [JSON.stringify(resolve(doc, schema, 0), null, 2)])]);
  }
  var response = await fetch('/v1/openapi.json');
  var doc = await response.json();
  document.getElementById('version').textContent = doc.info.version;
  document.getElementById('description').textContent = doc.info.description;
  Object.keys(doc.paths).forEach(function (path) {
    Object.keys(doc.paths[path]).forEach(function (method) {
      var op = doc.paths[path][method];
      var section = el('section', { id: op.operationId, class: 'op' }, [
        el('h3', {}, [el('span', { class: 'method ' + method }, [method.toUpperCase()]), ' ', el('code', {}, [path])]),
        el('p', {}, [op.summary + (op['x-permission'] ? ' — permission ' + op['x-permission'] : ' — public') +
          (op['x-api-key-scope'] ? ', API key scope ' + op['x-api-key-scope'] : '')]),
      ]);
      if (op.description) section.append(el('p', {}, [op.description]));
      (op.parameters || []).forEach(function (p) {
        section.append(el('p', { class: 'param' }, [el('code', {}, [p.in + ' ' + p.name]), ' ' + JSON.stringify(p.schema)]));
      });
      if (op.requestBody) section.append(schemaBlock(doc, 'Request body', op.requestBody.content['application/json'].schema));
      Object.keys(op.responses).forEach(function (status) {
        var r = op.responses[status];
        var content = r.content && (r.content['application/json'] || r.content['application/problem+json']);
        if (content && status < 400) section.append(schemaBlock(doc, status + ' ' + r.description, content.schema));
        else section.append(el('p', { class: 'status' }, [status + ' — ' + r.description]));
      });
      root.append(section);
    });
  });
  (doc['x-problem-codes'] || []).forEach(function (p) {
    problems.append(el('tr', { id: 'problem-' + p.code }, [el('td', {}, [el('code', {}, [p.code])]), el('td', {}, [String(p.status)]), el('td', {}, [p.title])]));
  });
  if (location.hash) { var target = document.getElementById(location.hash.slice(1)); if (target) target.scrollIntoView(); }
})().catch(function (e) { document.getElementById('operations').textContent = 'Could not load /v1/openapi.json: ' + e; });
`;

const DOCS_STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 960px; padding: 1rem 2rem; color: #1d2330; }
h1 { margin-bottom: 0; } code, pre { font: 13px ui-monospace, monospace; }
pre { background: #f4f6fa; padding: .75rem; overflow-x: auto; border-radius: 4px; }
.op { border-top: 1px solid #dde2ea; padding: .5rem 0; }
.method { display: inline-block; min-width: 4.5rem; text-align: center; border-radius: 3px; color: #fff; font-size: 12px; padding: 2px 6px; }
.get { background: #2f7d4f; } .post { background: #2456a6; } .patch { background: #8a5a00; } .delete { background: #a32b2b; } .put { background: #6a3fa0; }
.param, .status { margin: .2rem 0; font-size: 14px; } table { border-collapse: collapse; } td { padding: 2px 12px 2px 0; }
`;

const DOCS_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>SPV Cloud API</title><style>${DOCS_STYLE}</style></head>
<body><h1>SPV Cloud API <small id="version"></small></h1><p id="description"></p>
<p>Machine-readable: <a href="/v1/openapi.json">/v1/openapi.json</a> · GraphQL: <code>POST /graphql</code></p>
<h2>Operations</h2><div id="operations"></div>
<h2 id="problems-heading">Problem codes</h2>
<p>Every error is <code>application/problem+json</code> with <code>{type, title, status, detail, code, requestId}</code>; GraphQL errors carry the same <code>code</code> in <code>extensions.code</code>.</p>
<table><tbody id="problems"></tbody></table>
<script>${DOCS_SCRIPT}</script></body></html>`;

const SCRIPT_HASH = createHash('sha256').update(DOCS_SCRIPT).digest('base64');
const STYLE_HASH = createHash('sha256').update(DOCS_STYLE).digest('base64');

export const DOCS_PAGE = {
  html: DOCS_HTML,
  contentSecurityPolicy: `default-src 'none'; connect-src 'self'; script-src 'sha256-${SCRIPT_HASH}'; style-src 'sha256-${STYLE_HASH}'; base-uri 'none'; frame-ancestors 'none'`,
} as const;
