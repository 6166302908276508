/**
 * The browser script of the API docs page, as text. It renders `/api/openapi.json` with DOM calls only (every string
 * from the document goes through `textContent` or an attribute setter, never HTML parsing), so a hostile summary or
 * example cannot inject markup. "Try it" sends same-origin requests with the session cookie and the CSRF token.
 */
export const DOCS_PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var METHODS = ['get', 'post', 'put', 'patch', 'delete'];
  var state = { csrf: '', bearer: '' };

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) {
      var value = attributes[key];
      if (value === undefined || value === null || value === false) return;
      if (key === 'text') node.textContent = String(value);
      else if (key === 'className') node.className = String(value);
      else node.setAttribute(key, String(value));
    });
    (children || []).forEach(function (child) {
      if (child === undefined || child === null) return;
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  function resolveRef(documentRoot, schema) {
    var seen = 0;
    while (schema && typeof schema.$ref === 'string' && seen < 20) {
      var parts = schema.$ref.replace(/^#\//, '').split('/');
      var target = documentRoot;
      for (var i = 0; i < parts.length; i += 1) target = target ? target[parts[i].replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
      schema = target;
      seen += 1;
    }
    return schema || {};
  }

  function refName(schema) {
    return schema && typeof schema.$ref === 'string' ? schema.$ref.split('/').pop() : '';
  }

  function typeOf(schema) {
    if (Array.isArray(schema.type)) return schema.type.join(' | ');
    if (schema.type) return String(schema.type);
    if (schema.enum) return 'enum';
    if (schema.anyOf || schema.oneOf) return 'one of';
    if (schema.properties) return 'object';
    return 'any';
  }

  function schemaTree(documentRoot, schema, depth) {
    var name = refName(schema);
    var resolved = resolveRef(documentRoot, schema);
    var label = typeOf(resolved) + (name ? ' (' + name + ')' : '');
    if (resolved.enum) label += ': ' + resolved.enum.map(function (v) { return JSON.stringify(v); }).join(', ');
    if (resolved.format) label += ' <' + resolved.format + '>';
    var item = el('div', { className: 'schema' }, [el('code', { text: label })]);
    if (resolved.description) item.appendChild(el('span', { className: 'muted', text: ' ' + resolved.description }));
    if (depth > 6) return item;
    if (resolved.properties) {
      var list = el('ul');
      var required = resolved.required || [];
      Object.keys(resolved.properties).forEach(function (key) {
        var line = el('li', {}, [el('strong', { text: key }), required.indexOf(key) >= 0 ? el('span', { className: 'req', text: ' required' }) : null]);
        line.appendChild(schemaTree(documentRoot, resolved.properties[key], depth + 1));
        list.appendChild(line);
      });
      item.appendChild(list);
    }
    if (resolved.items) {
      var items = el('div', { className: 'nested' }, [el('span', { className: 'muted', text: 'items: ' })]);
      items.appendChild(schemaTree(documentRoot, resolved.items, depth + 1));
      item.appendChild(items);
    }
    (resolved.anyOf || resolved.oneOf || []).forEach(function (option) {
      item.appendChild(el('div', { className: 'nested' }, [schemaTree(documentRoot, option, depth + 1)]));
    });
    return item;
  }

  function exampleOf(documentRoot, schema, depth) {
    var resolved = resolveRef(documentRoot, schema);
    if (resolved.example !== undefined) return resolved.example;
    if (resolved.default !== undefined) return resolved.default;
    if (resolved.enum) return resolved.enum[0];
    if (depth > 5) return null;
    var type = Array.isArray(resolved.type) ? resolved.type[0] : resolved.type;
    if (type === 'object' || resolved.properties) {
      var out = {};
      Object.keys(resolved.properties || {}).forEach(function (key) {
        if ((resolved.required || []).indexOf(key) >= 0) out[key] = exampleOf(documentRoot, resolved.properties[key], depth + 1);
      });
      return out;
    }
    if (type === 'array') return [];
    if (type === 'integer' || type === 'number') return 0;
    if (type === 'boolean') return false;
    if (type === 'string') return '';
    return null;
  }

  function send(operation, form, output, inputs) {
    var path = operation.path;
    var query = [];
    var problems = [];
    (operation.parameters || []).forEach(function (parameter) {
      var input = inputs[parameter.in + ':' + parameter.name];
      var value = input ? input.value : '';
      if (value === '') {
        if (parameter.required) problems.push(parameter.name + ' is required');
        return;
      }
      if (parameter.in === 'path') path = path.split('{' + parameter.name + '}').join(encodeURIComponent(value));
      else if (parameter.in === 'query') query.push(encodeURIComponent(parameter.name) + '=' + encodeURIComponent(value));
    });
    output.textContent = '';
    if (problems.length > 0) {
      output.appendChild(el('p', { className: 'error', text: problems.join('; ') }));
      return;
    }
    var headers = { accept: 'application/json' };
    if (state.csrf) headers['x-csrf-token'] = state.csrf;
    if (state.bearer) headers.authorization = 'Bearer ' + state.bearer;
    var init = { method: operation.method.toUpperCase(), headers: headers, credentials: 'same-origin' };
    var body = form.querySelector('textarea[data-body]');
    if (body && body.value.trim() !== '') {
      headers['content-type'] = body.getAttribute('data-body');
      init.body = body.value;
    }
    var url = path + (query.length > 0 ? '?' + query.join('&') : '');
    output.appendChild(el('p', { className: 'muted', text: init.method + ' ' + url + ' …' }));
    fetch(url, init).then(function (response) {
      return response.text().then(function (text) {
        var pretty = text;
        try { pretty = JSON.stringify(JSON.parse(text), null, 2); } catch (ignored) { /* not JSON */ }
        output.textContent = '';
        output.appendChild(el('p', { className: response.ok ? 'ok' : 'error', text: init.method + ' ' + url + ' → ' + response.status + ' ' + response.statusText }));
        output.appendChild(el('pre', { text: pretty.length > 200000 ? pretty.slice(0, 200000) + '\n… (truncated)' : pretty }));
        if (operation.path === '/api/auth/login' || operation.path === '/api/auth/logout') loadSession();
      });
    }, function (error) {
      output.textContent = '';
      output.appendChild(el('p', { className: 'error', text: 'request failed: ' + String(error) }));
    });
  }

  function operationView(documentRoot, operation) {
    var details = el('details', { className: 'operation', id: operation.id });
    var summary = el('summary', {}, [
      el('span', { className: 'method ' + operation.method, text: operation.method.toUpperCase() }),
      el('code', { text: operation.path }),
      el('span', { className: 'summary', text: operation.summary || '' }),
    ]);
    details.appendChild(summary);
    if (operation.description) details.appendChild(el('p', { text: operation.description }));
    if (operation.permission) details.appendChild(el('p', { className: 'muted', text: 'Project permission: ' + operation.permission }));
    var form = el('form', { className: 'try' });
    var inputs = {};
    form.addEventListener('submit', function (event) { event.preventDefault(); });
    if ((operation.parameters || []).length > 0) {
      details.appendChild(el('h4', { text: 'Parameters' }));
      var table = el('table', {}, [el('tr', {}, [el('th', { text: 'Name' }), el('th', { text: 'In' }), el('th', { text: 'Schema' }), el('th', { text: 'Value' })])]);
      operation.parameters.forEach(function (raw) {
        var parameter = resolveRef(documentRoot, raw);
        var input = el('input', { 'data-param': parameter.in + ':' + parameter.name, 'aria-label': parameter.name, placeholder: parameter.required ? 'required' : '' });
        inputs[parameter.in + ':' + parameter.name] = input;
        var schema = resolveRef(documentRoot, parameter.schema || {});
        if (schema.default !== undefined) input.value = String(schema.default);
        table.appendChild(el('tr', {}, [
          el('td', {}, [el('code', { text: parameter.name })]),
          el('td', { text: parameter.in }),
          el('td', {}, [schemaTree(documentRoot, parameter.schema || {}, 0), parameter.description ? el('div', { className: 'muted', text: parameter.description }) : null]),
          el('td', {}, [input]),
        ]));
      });
      form.appendChild(table);
    }
    var body = operation.requestBody ? resolveRef(documentRoot, operation.requestBody) : undefined;
    if (body && body.content) {
      var types = Object.keys(body.content);
      var type = types.indexOf('application/json') >= 0 ? 'application/json' : types[0];
      details.appendChild(el('h4', { text: 'Request body (' + types.join(', ') + ')' }));
      details.appendChild(schemaTree(documentRoot, body.content[type].schema || {}, 0));
      var example = type === 'application/json' ? JSON.stringify(exampleOf(documentRoot, body.content[type].schema || {}, 0), null, 2) : '';
      var area = el('textarea', { 'data-body': type, rows: 8, 'aria-label': 'request body' });
      area.value = example;
      form.appendChild(el('label', { text: 'Body (' + type + ')' }));
      form.appendChild(area);
    }
    details.appendChild(el('h4', { text: 'Responses' }));
    var responses = el('ul', { className: 'responses' });
    Object.keys(operation.responses || {}).forEach(function (status) {
      var response = resolveRef(documentRoot, operation.responses[status]);
      var line = el('li', {}, [el('strong', { text: status }), ' ' + (response.description || '')]);
      var content = response.content || {};
      Object.keys(content).forEach(function (type) {
        if (content[type].schema) line.appendChild(schemaTree(documentRoot, content[type].schema, 0));
      });
      responses.appendChild(line);
    });
    details.appendChild(responses);
    var output = el('div', { className: 'output', 'aria-live': 'polite' });
    var button = el('button', { type: 'button', text: 'Send ' + operation.method.toUpperCase() });
    button.addEventListener('click', function () { send(operation, form, output, inputs); });
    form.appendChild(button);
    details.appendChild(el('h4', { text: 'Try it' }));
    details.appendChild(form);
    details.appendChild(output);
    return details;
  }

  function operationsOf(documentRoot) {
    var operations = [];
    Object.keys(documentRoot.paths || {}).forEach(function (path) {
      var item = documentRoot.paths[path];
      METHODS.forEach(function (method) {
        var operation = item[method];
        if (!operation) return;
        operations.push({
          id: 'op-' + operations.length,
          path: path,
          method: method,
          tag: (operation.tags && operation.tags[0]) || 'Other',
          summary: operation.summary,
          description: operation.description,
          permission: operation['x-zonewise-permission'],
          parameters: (item.parameters || []).concat(operation.parameters || []).map(function (parameter) {
            return resolveRef(documentRoot, parameter);
          }),
          requestBody: operation.requestBody,
          responses: operation.responses,
        });
      });
    });
    return operations;
  }

  function render(documentRoot) {
    var main = document.getElementById('operations');
    var nav = document.getElementById('tags');
    main.textContent = '';
    nav.textContent = '';
    var info = documentRoot.info || {};
    document.getElementById('title').textContent = (info.title || 'API') + ' ' + (info.version ? 'v' + info.version : '');
    document.getElementById('description').textContent = info.description || '';
    var groups = {};
    var order = [];
    operationsOf(documentRoot).forEach(function (operation) {
      if (!groups[operation.tag]) { groups[operation.tag] = []; order.push(operation.tag); }
      groups[operation.tag].push(operation);
    });
    order.forEach(function (tag, index) {
      var id = 'tag-' + index;
      nav.appendChild(el('li', {}, [el('a', { href: '#' + id, text: tag + ' (' + groups[tag].length + ')' })]));
      var section = el('section', { id: id }, [el('h2', { text: tag })]);
      groups[tag].forEach(function (operation) { section.appendChild(operationView(documentRoot, operation)); });
      main.appendChild(section);
    });
  }

  function loadSession() {
    var status = document.getElementById('session');
    fetch('/api/auth/session', { credentials: 'same-origin', headers: { accept: 'application/json' } }).then(function (response) {
      if (!response.ok) {
        status.textContent = 'Not logged in: use POST /api/auth/login below, or paste an API token.';
        return;
      }
      return response.json().then(function (session) {
        state.csrf = session.csrfToken || '';
        document.getElementById('csrf').value = state.csrf;
        status.textContent = 'Logged in as ' + ((session.user && session.user.username) || '?') + '; requests carry the session cookie and CSRF token.';
      });
    }, function () { status.textContent = 'The session could not be read.'; });
  }

  document.getElementById('csrf').addEventListener('input', function (event) { state.csrf = event.target.value; });
  document.getElementById('bearer').addEventListener('input', function (event) { state.bearer = event.target.value.trim(); });
  fetch('/api/openapi.json', { credentials: 'same-origin' }).then(function (response) { return response.json(); }).then(render, function (error) {
    document.getElementById('operations').textContent = 'The OpenAPI document could not be loaded: ' + String(error);
  });
  loadSession();
})();
`;
