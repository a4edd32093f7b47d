#!/usr/bin/env python3
"""browser.py DRIVER_URL PAGE_URL USER PASSWORD GROUP SCREENSHOT: drives a
headless Chromium through chromedriver (W3C WebDriver over HTTP, no
selenium): opens mgmtd's page, logs in, waits until both nodes are active
and GROUP is started, clicks Standby on the group's holder, accepts the
confirmation and waits until GROUP is started on the other node.  Saves a
screenshot before the click (SCREENSHOT with -before) and at the end.
Every wait is bounded; prints what it saw and exits 1 on failure."""
import base64
import json
import sys
import time
import urllib.request

drv, page, user, password, group, shot = sys.argv[1:7]
sid = None


def call(method, path, body=None, timeout=60):
    url = drv + ('/session/' + sid if sid else '') + path if path != '/session' else drv + path
    data = json.dumps(body).encode() if body is not None else (b'{}' if method == 'POST' else None)
    req = urllib.request.Request(url, data=data, method=method, headers={'Content-Type': 'application/json'})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return json.loads(r.read() or b'{}').get('value')
    except urllib.error.HTTPError as e:
        return {'error': e.read().decode(errors='replace')[:300]}


def js(script, *args):
    return call('POST', '/execute/sync', {'script': script, 'args': list(args)})


def wait(what, fn, limit):
    end = time.time() + limit
    last = None
    while time.time() < end:
        last = fn()
        if last:
            return last
        time.sleep(0.25)
    print(f'timed out ({limit}s) waiting for {what}; last: {last!r}')
    return None


def save(path):
    png = call('GET', '/screenshot')
    if isinstance(png, str):
        with open(path, 'wb') as f:
            f.write(base64.b64decode(png))
        print(f'screenshot {path}')


ROW = '''var r = document.getElementById(arguments[0]); if (!r) return null;
return Array.prototype.map.call(r.cells, function (c) { return c.textContent; });'''


def main():
    global sid
    caps = {'capabilities': {'alwaysMatch': {
        'browserName': 'chrome', 'acceptInsecureCerts': True,
        'goog:chromeOptions': {'binary': '/usr/bin/chromium', 'args': [
            '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
            '--window-size=412,915', '--no-first-run', '--disable-extensions']}}}}
    v = call('POST', '/session', caps, timeout=90)
    if not isinstance(v, dict) or 'sessionId' not in v:
        print(f'no browser session: {v}')
        return 1
    sid = v['sessionId']
    try:
        call('POST', '/url', {'url': page})
        if not wait('the login form', lambda: js("var f = document.getElementById('login'); return f && !f.hidden;"), 20):
            return 1
        js("document.getElementById('login-user').value = arguments[0];"
           "document.getElementById('login-password').value = arguments[1];", user, password)
        el = call('POST', '/element', {'using': 'css selector', 'value': '#login-submit'})
        eid = list(el.values())[0]
        call('POST', f'/element/{eid}/click')
        rows = wait('both nodes active and the group started', lambda: (
            lambda n1, n2, g: (n1, n2, g) if n1 and n2 and g and 'active' in n1[1] and 'active' in n2[1]
            and g[1] == 'started' else None)(js(ROW, 'node-n1'), js(ROW, 'node-n2'), js(ROW, 'rsc-' + group)), 30)
        if not rows:
            print('page text:', js('return document.body.innerText;'))
            return 1
        holder = rows[2][2]
        other = 'n2' if holder == 'n1' else 'n1'
        print(f'nodes n1 {rows[0][1]}, n2 {rows[1][1]}; {group} started on {holder}')
        save(shot.replace('.png', '-before.png'))
        el = call('POST', '/element', {'using': 'css selector', 'value': '#standby-' + holder})
        if not isinstance(el, dict) or 'error' in el:
            print(f'no standby button for {holder}: {el}')
            return 1
        call('POST', f'/element/{list(el.values())[0]}/click')
        if wait('the confirmation', lambda: isinstance(call('GET', '/alert/text'), str), 10) is None:
            return 1
        call('POST', '/alert/accept')
        moved = wait(f'{group} started on {other}', lambda: (
            lambda g: g if g and g[1] == 'started' and g[2] == other else None)(js(ROW, 'rsc-' + group)), 40)
        save(shot)
        if not moved:
            print('page text:', js('return document.body.innerText;'))
            return 1
        msg = js("return document.getElementById('message').textContent;")
        print(f'{group} moved to {other}: {moved}; message: {msg}')
        return 0
    finally:
        call('DELETE', '')


sys.exit(main())
