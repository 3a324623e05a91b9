// mailapis docs: the "Try it" console of the API reference pages. Generic: everything it shows comes
// from the OpenAPI document the page renders (window.__mailapis_definition, set by the page before
// Redoc starts); nothing is written per operation. It sends a request only when the reader presses
// "Send", only to the server URL the reader picked, with the credential the reader typed. The
// credential lives in the input field only: it is never stored (no storage, no cookie, autocomplete
// off), never logged, and sent only in the security scheme's header of that one request.
const MOCK_URL = 'http://127.0.0.1:4010';
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** Resolves local `#/...` references. */
function deref(doc, node) {
  let current = node;
  for (let i = 0; current && typeof current.$ref === 'string' && i < 32; i++) {
    current = current.$ref
      .slice(2)
      .split('/')
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((value, key) => (value == null ? undefined : value[key]), doc);
  }
  return current;
}

function operationsOf(doc) {
  const ops = [];
  for (const [path, rawItem] of Object.entries(doc.paths ?? {})) {
    const item = deref(doc, rawItem) ?? {};
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const params = new Map();
      for (const p of [...(item.parameters ?? []), ...(operation.parameters ?? [])]) {
        const param = deref(doc, p);
        params.set(`${param.in}:${param.name}`, param);
      }
      ops.push({ path, method, operation, parameters: [...params.values()] });
    }
  }
  return ops;
}

function exampleOf(doc, param) {
  if (param.example !== undefined) return param.example;
  const first = Object.values(param.examples ?? {})[0];
  if (first !== undefined) return deref(doc, first)?.value;
  const schema = deref(doc, param.schema ?? {}) ?? {};
  return schema.example ?? schema.examples?.[0];
}

function bodyExample(doc, operation) {
  const media = deref(doc, operation.requestBody ?? {})?.content?.['application/json'];
  if (!media) return undefined;
  if (media.example !== undefined) return media.example;
  const first = Object.values(media.examples ?? {})[0];
  return first === undefined ? {} : deref(doc, first)?.value;
}

function authOf(doc, operation) {
  const requirement = (operation.security ?? doc.security ?? []).find((r) => Object.keys(r).length > 0);
  if (!requirement) return undefined;
  const scheme = deref(doc, doc.components?.securitySchemes?.[Object.keys(requirement)[0]]);
  if (scheme?.type === 'http' && String(scheme.scheme).toLowerCase() === 'bearer') {
    return { header: 'Authorization', prefix: 'Bearer ', label: 'Bearer token' };
  }
  if (scheme?.type === 'apiKey' && scheme.in === 'header') return { header: scheme.name, prefix: '', label: scheme.name };
  return undefined;
}

function el(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

function field(label, input) {
  return el('label', { class: 'try-it-field' }, [el('span', { text: label }), input]);
}

function start(doc) {
  const ops = operationsOf(doc);
  if (ops.length === 0) return;
  const servers = [
    { url: MOCK_URL, description: 'Local mock (npx mailapis-mock --port 4010)' },
    ...(doc.servers ?? []).map((s) => ({ url: s.url, description: s.description ?? s.url })),
  ];

  const panel = el('aside', { id: 'try-it', class: 'try-it', 'aria-label': 'Try it', hidden: '' });
  const toggle = document.getElementById('try-it-toggle');
  const opSelect = el('select', { name: 'operation' });
  for (const [i, op] of ops.entries()) {
    opSelect.append(
      el('option', {
        value: String(i),
        text: `${op.method.toUpperCase()} ${op.path} — ${op.operation.summary ?? op.operation.operationId}`,
      }),
    );
  }
  const serverPreset = el('select', { name: 'server-preset' });
  for (const s of servers) serverPreset.append(el('option', { value: s.url, text: `${s.url} — ${s.description}` }));
  const serverUrl = el('input', { name: 'server', type: 'url', value: MOCK_URL, spellcheck: 'false' });
  serverPreset.addEventListener('change', () => {
    serverUrl.value = serverPreset.value;
  });
  const credential = el('input', { name: 'credential', type: 'password', autocomplete: 'off', spellcheck: 'false' });
  const paramsBox = el('div', { class: 'try-it-params' });
  const body = el('textarea', { name: 'body', rows: '12', spellcheck: 'false' });
  const bodyField = field('Request body (application/json)', body);
  const send = el('button', { type: 'submit', class: 'try-it-send', text: 'Send' });
  const status = el('p', { class: 'try-it-status', role: 'status' });
  const response = el('pre', { class: 'try-it-response' });
  const form = el('form', { class: 'try-it-form' }, [
    field('Operation', opSelect),
    field('Server', serverPreset),
    field('Server URL', serverUrl),
    field('Credential', credential),
    paramsBox,
    bodyField,
    send,
  ]);
  const credentialNote = el('p', {
    class: 'try-it-note',
    text: 'The credential stays in this field: it is sent only to the server above, in the request you send, and never stored.',
  });
  panel.append(
    el('header', {}, [
      el('h2', { text: 'Try it' }),
      el('button', { type: 'button', class: 'try-it-close', 'aria-label': 'Close', text: '×' }),
    ]),
    credentialNote,
    form,
    status,
    response,
  );
  document.body.append(panel);

  function current() {
    return ops[Number(opSelect.value)] ?? ops[0];
  }

  function render() {
    const op = current();
    paramsBox.replaceChildren();
    for (const param of op.parameters.filter((p) => p.in === 'path' || p.in === 'query')) {
      const schema = deref(doc, param.schema ?? {}) ?? {};
      const example = exampleOf(doc, param);
      let input;
      if (Array.isArray(schema.enum)) {
        input = el('select', {});
        if (!param.required) input.append(el('option', { value: '', text: '' }));
        for (const value of schema.enum) input.append(el('option', { value: String(value), text: String(value) }));
        input.value = param.in === 'path' || param.required ? String(example ?? schema.enum[0]) : '';
      } else {
        input = el('input', { type: 'text', spellcheck: 'false', placeholder: example === undefined ? '' : String(example) });
        if (param.in === 'path' || param.required) input.value = example === undefined ? '' : String(example);
      }
      input.dataset.in = param.in;
      input.dataset.name = param.name;
      paramsBox.append(field(`${param.name} (${param.in}${param.required ? ', required' : ''})`, input));
    }
    const example = bodyExample(doc, op.operation);
    bodyField.hidden = example === undefined;
    body.value = example === undefined ? '' : JSON.stringify(example, null, 2);
    const auth = authOf(doc, op.operation);
    credential.placeholder = auth ? auth.label : 'no credential needed';
    status.textContent = '';
    response.textContent = '';
  }

  async function submit(event) {
    event.preventDefault();
    const op = current();
    let path = op.path;
    const query = new URLSearchParams();
    for (const input of paramsBox.querySelectorAll('[data-name]')) {
      if (input.dataset.in === 'path') path = path.replace(`{${input.dataset.name}}`, encodeURIComponent(input.value));
      else if (input.value !== '') query.append(input.dataset.name, input.value);
    }
    let base;
    try {
      base = new URL(serverUrl.value);
      if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error('not http');
    } catch {
      status.textContent = `Server URL "${serverUrl.value}" is not an http(s) URL`;
      return;
    }
    const qs = query.toString();
    const url = `${base.href.replace(/\/+$/, '')}${path}${qs ? `?${qs}` : ''}`;
    const headers = { Accept: 'application/json' };
    const auth = authOf(doc, op.operation);
    if (auth && credential.value !== '') headers[auth.header] = `${auth.prefix}${credential.value}`;
    const init = {
      method: op.method.toUpperCase(),
      headers,
      credentials: 'omit',
      redirect: 'error',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
    };
    if (!bodyField.hidden) {
      headers['Content-Type'] = 'application/json';
      init.body = body.value;
    }
    status.textContent = `${init.method} ${url} …`;
    response.textContent = '';
    send.disabled = true;
    try {
      const res = await fetch(url, init);
      const text = await res.text();
      status.textContent = `${res.status} ${res.statusText}`.trim();
      status.dataset.status = String(res.status);
      try {
        response.textContent = JSON.stringify(JSON.parse(text), null, 2);
      } catch {
        response.textContent = text;
      }
    } catch (error) {
      status.dataset.status = 'error';
      status.textContent = `The request failed before a response arrived (${error instanceof Error ? error.message : error}). Is the server running, and does it allow this page's origin (CORS)?`;
    } finally {
      send.disabled = false;
    }
  }

  // Follow Redoc's route (#/<tag>/<operationid>): the console shows the operation being read.
  function follow() {
    const slug = decodeURIComponent(location.hash).split('#')[1]?.split('/').pop()?.toLowerCase();
    const index = ops.findIndex((op) => String(op.operation.operationId).toLowerCase() === slug);
    if (index >= 0 && String(index) !== opSelect.value) {
      opSelect.value = String(index);
      render();
    }
  }

  opSelect.addEventListener('change', render);
  form.addEventListener('submit', submit);
  panel.querySelector('.try-it-close').addEventListener('click', () => {
    panel.hidden = true;
    toggle?.setAttribute('aria-expanded', 'false');
  });
  toggle?.addEventListener('click', () => {
    panel.hidden = !panel.hidden;
    toggle.setAttribute('aria-expanded', String(!panel.hidden));
    if (!panel.hidden) follow();
  });
  window.addEventListener('hashchange', follow);
  render();
  follow();
}

if (window.__mailapis_definition) start(window.__mailapis_definition);
