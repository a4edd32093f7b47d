// mgmtd's page: logs in through /api/v1/login, polls /api/v1/summary every
// second and draws nodes, resources and failed actions; every change asks
// for a confirmation and goes to /api/v1/actions with the CSRF token.
// No framework and nothing from outside this server.
'use strict';
(function () {
  var csrf = null, timer = null, mode = null;
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function api(method, path, body) {
    var opts = { method: method, credentials: 'same-origin', headers: {} };
    if (body !== undefined) {
      opts.headers['Content-Type'] = 'application/json';
      opts.body = JSON.stringify(body);
    }
    if (csrf && method !== 'GET') opts.headers['X-CSRF-Token'] = csrf;
    return fetch('/api/v1/' + path, opts).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (j) { return { status: r.status, body: j }; });
    });
  }

  function showLogin(msg) {
    csrf = null;
    if (timer) { clearInterval(timer); timer = null; }
    $('status').hidden = true;
    $('who').hidden = true;
    $('login').hidden = false;
    $('login-error').textContent = msg || '';
  }

  function showStatus(user) {
    $('login').hidden = true;
    $('status').hidden = false;
    $('who').hidden = false;
    $('user').textContent = user;
    poll();
    if (!timer) timer = setInterval(poll, 1000);
  }

  function act(what, label) {
    if (!window.confirm(label + '?')) return;
    api('POST', 'actions', what).then(function (r) {
      $('message').textContent = r.status === 200 ? (label + ': ' + (r.body.message || 'done'))
        : (label + ' failed: ' + (r.body.error || r.status));
      $('message').className = r.status === 200 ? 'ok' : 'error';
      if (r.status === 401) showLogin('Your session ended; log in again.');
      poll();
    });
  }

  function button(text, id, what, label) {
    var b = el('button', text);
    b.type = 'button';
    b.id = id;
    b.addEventListener('click', function () { act(what, label); });
    return b;
  }

  function stateClass(s) {
    if (s === 'active' || s === 'up' || s === 'started' || s === 'master' || s === 'ping') return 'ok';
    if (s === 'dead' || s === 'failed') return 'bad';
    return 'warn';
  }

  // On a phone the table header is hidden: each cell names its column.
  function label(table) {
    var heads = Array.prototype.map.call(table.tHead.rows[0].cells, function (c) { return c.textContent; });
    Array.prototype.forEach.call(table.tBodies[0].rows, function (r) {
      Array.prototype.forEach.call(r.cells, function (c, i) { if (i && heads[i]) c.setAttribute('data-label', heads[i]); });
    });
  }

  function drawNodes(sum) {
    var tb = $('nodes').tBodies[0];
    tb.textContent = '';
    sum.nodes.forEach(function (n) {
      var tr = el('tr'), st = n.status + (n.standby ? ' (standby)' : '');
      tr.id = 'node-' + n.name;
      tr.appendChild(el('td', n.name + (n.local ? ' (this node)' : '') + (n.type === 'ping' ? ' (ping)' : '')));
      tr.appendChild(el('td', st, stateClass(n.status)));
      tr.appendChild(el('td', n.links.map(function (l) { return l.name + ' ' + l.status; }).join(', ')));
      tr.appendChild(el('td', n.max_gap_ms === null || n.local ? '' : n.max_gap_ms + ' ms'));
      var td = el('td');
      if (n.type !== 'ping') {
        if (sum.mode === 'crm' && n.standby)
          td.appendChild(button('Online', 'online-' + n.name, { action: 'node_online', node: n.name }, 'Bring ' + n.name + ' online'));
        else if (sum.mode === 'crm' || sum.mode === 'haresources')
          td.appendChild(button('Standby', 'standby-' + n.name, { action: 'node_standby', node: n.name }, 'Put ' + n.name + ' in standby'));
      }
      tr.appendChild(td);
      tb.appendChild(tr);
    });
    label($('nodes'));
  }

  function rscRow(tb, r, depth) {
    var tr = el('tr', null, r.failed ? 'failed' : ''), td;
    tr.id = 'rsc-' + r.id;
    tr.appendChild(el('td', (depth ? '\u2003' : '') + r.id + (r.kind !== 'primitive' ? ' (' + r.kind + ')' : ''), depth ? 'member' : ''));
    tr.appendChild(el('td', r.state, stateClass(r.state)));
    tr.appendChild(el('td', r.node || ''));
    td = el('td');
    if (!depth && mode === 'crm') {
      td.appendChild(button(r.state === 'stopped' ? 'Start' : 'Stop', 'toggle-' + r.id,
        { action: r.state === 'stopped' ? 'resource_start' : 'resource_stop', resource: r.id },
        (r.state === 'stopped' ? 'Start ' : 'Stop ') + r.id));
      td.appendChild(button('Move', 'move-' + r.id, { action: 'resource_move', resource: r.id }, 'Move ' + r.id + ' away from ' + (r.node || 'its node')));
      td.appendChild(button('Unmove', 'unmove-' + r.id, { action: 'resource_unmove', resource: r.id }, 'Remove the move constraints of ' + r.id));
      td.appendChild(button('Cleanup', 'cleanup-' + r.id, { action: 'resource_cleanup', resource: r.id }, 'Clean up ' + r.id));
    }
    tr.appendChild(td);
    tb.appendChild(tr);
    (r.members || []).forEach(function (m) { rscRow(tb, m, depth + 1); });
  }

  function drawResources(sum) {
    var tb = $('resources').tBodies[0];
    tb.textContent = '';
    sum.resources.forEach(function (r) { rscRow(tb, r, 0); });
    label($('resources'));
    var ul = $('failed');
    ul.textContent = '';
    sum.failed_actions.forEach(function (f) {
      ul.appendChild(el('li', f.resource + ' ' + (f.operation || '') + ' on ' + (f.node || '?') +
        ': ' + (f.reason || ('rc ' + f.rc)), 'failed'));
    });
    sum.fail_counts.forEach(function (f) {
      ul.appendChild(el('li', f.resource + ' failed ' + f.count + ' times on ' + f.node, 'failed'));
    });
    $('failed-section').hidden = !ul.children.length;
  }

  function drawCluster(sum) {
    var info = 'Mode: ' + sum.mode + (sum.local ? ', this node: ' + sum.local : '');
    if (sum.mode === 'crm')
      info += ', DC: ' + (sum.dc || 'none') + ', quorum: ' + (sum.quorum ? 'yes' : 'no') +
        ', maintenance: ' + (sum.maintenance ? 'on' : 'off');
    $('cluster-info').textContent = info;
    $('cluster-mode').textContent = sum.mode;
    var cb = $('cluster-buttons');
    cb.textContent = '';
    if (sum.mode === 'crm')
      cb.appendChild(button(sum.maintenance ? 'Leave maintenance' : 'Maintenance mode', 'maintenance',
        { action: 'maintenance', on: !sum.maintenance }, sum.maintenance ? 'Leave maintenance mode' : 'Enter maintenance mode'));
    else if (sum.mode === 'haresources') {
      cb.appendChild(button('Standby this node', 'v1-standby', { action: 'standby', what: 'all' }, 'Give up all resources of ' + sum.local));
      cb.appendChild(button('Take over all', 'v1-takeover', { action: 'takeover', what: 'all' }, 'Take over all resources on ' + sum.local));
    }
    var b = [];
    if (!sum.heartbeat.up) b.push('heartbeat is not reachable: ' + (sum.heartbeat.error || ''));
    if (sum.cib_error) b.push('CIB: ' + sum.cib_error);
    $('banner').textContent = b.join(' \u2014 ');
  }

  function poll() {
    api('GET', 'summary').then(function (r) {
      if (r.status === 401) { showLogin('Your session ended; log in again.'); return; }
      if (r.status !== 200) { $('banner').textContent = 'summary: ' + (r.body.error || r.status); return; }
      mode = r.body.mode;
      drawNodes(r.body);
      drawResources(r.body);
      drawCluster(r.body);
    }).catch(function (e) { $('banner').textContent = 'cannot reach mgmtd: ' + e; });
  }

  $('login').addEventListener('submit', function (ev) {
    ev.preventDefault();
    api('POST', 'login', { user: $('login-user').value, password: $('login-password').value }).then(function (r) {
      $('login-password').value = '';
      if (r.status !== 200) { showLogin(r.body.error || ('login failed (' + r.status + ')')); return; }
      csrf = r.body.csrf;
      showStatus(r.body.user);
    });
  });
  $('logout').addEventListener('click', function () {
    api('POST', 'logout').then(function () { showLogin(''); });
  });
  api('GET', 'session').then(function (r) {
    if (r.status === 200) { csrf = r.body.csrf; showStatus(r.body.user); } else showLogin('');
  });
})();
