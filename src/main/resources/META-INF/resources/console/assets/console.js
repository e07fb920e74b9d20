// Tocsin's operator console. The sections are server pages (Qute) that htmx loads and reloads; this script only
// does what HTML cannot: listen for changes (server-sent events), show times in the browser's zone, and send the
// operator's actions to the JSON API with the session's CSRF token. No framework, no build step, no eval (the page's
// Content-Security-Policy forbids inline script and eval), and nothing fetched from anywhere but Tocsin.
(function () {
  'use strict';

  var csrfMeta = document.querySelector('meta[name="tocsin-csrf"]');
  var csrf = csrfMeta ? csrfMeta.content : null;
  var eventClock = (document.querySelector('meta[name="tocsin-clock"]') || {}).content === 'event';

  // --- requests -------------------------------------------------------------------------------------------------

  document.body.addEventListener('htmx:configRequest', function (e) {
    if (csrf) { e.detail.headers['X-Tocsin-CSRF'] = csrf; }
  });
  document.body.addEventListener('htmx:responseError', function (e) {
    if (e.detail.xhr && e.detail.xhr.status === 401) { location.reload(); } // the session ended: sign in again
  });

  /** Calls the JSON API; resolves with the parsed body, rejects with the API's error message. */
  function api(method, path, body) {
    var headers = { 'Accept': 'application/json' };
    if (csrf) { headers['X-Tocsin-CSRF'] = csrf; }
    if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
    return fetch(path, { method: method, headers: headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body) }).then(function (r) {
      if (r.status === 401) { location.reload(); }
      return r.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (ignored) { /* not JSON */ }
        if (!r.ok) {
          var msg = json && json.message ? json.message : 'HTTP ' + r.status;
          throw new Error(json && json.field ? json.field + ': ' + msg : msg);
        }
        return json;
      });
    });
  }

  function changed() {
    if (window.htmx) { htmx.trigger(document.body, 'tocsin:change'); }
  }

  // --- live updates -----------------------------------------------------------------------------------------------

  var status = document.getElementById('connection');
  var source = null;
  var retry = 1000;
  function connect() {
    if (!document.getElementById('alerts')) { return; } // nothing to keep up to date
    source = new EventSource('/console/events');
    source.onopen = function () {
      retry = 1000;
      if (status) { status.textContent = ''; status.classList.remove('offline'); }
    };
    source.onmessage = function () { changed(); };
    source.onerror = function () {
      if (status) {
        status.textContent = 'Connection to Tocsin lost; reconnecting…';
        status.classList.add('offline');
      }
      if (source.readyState === EventSource.CLOSED) { // refused (e.g. the session ended): try again ourselves
        source.close();
        fetch('/console/alerts', { credentials: 'same-origin' }).then(function (r) {
          if (r.status === 401) { location.reload(); }
        }).catch(function () { /* still down */ });
        setTimeout(connect, retry);
        retry = Math.min(retry * 2, 15000);
      }
    };
  }
  connect();

  // --- times: UTC and the browser's zone ------------------------------------------------------------------------

  var localFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, timeZoneName: 'short' });
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function utcText(d) {
    return d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate()) + ' ' +
      pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes()) + ':' + pad(d.getUTCSeconds()) + ' UTC';
  }
  function localiseTimes(root) {
    var times = (root || document).querySelectorAll('time[datetime]:not([data-local])');
    for (var i = 0; i < times.length; i++) {
      var t = times[i];
      var d = new Date(t.getAttribute('datetime'));
      if (isNaN(d.getTime())) { continue; }
      t.setAttribute('data-local', '');
      t.textContent = utcText(d);
      var local = document.createElement('span');
      local.className = 'local';
      local.textContent = ' · ' + localFormat.format(d);
      t.appendChild(local);
      t.title = d.toString();
    }
  }
  // On every insertion, not on htmx's load event: that comes with the settle, 20 ms after the swap, and until then a
  // reloaded section would show times in UTC only. Observer callbacks run before the browser paints.
  new MutationObserver(function (mutations) {
    for (var i = 0; i < mutations.length; i++) {
      var added = mutations[i].addedNodes;
      for (var j = 0; j < added.length; j++) {
        var node = added[j];
        if (node.nodeType !== 1 || !node.isConnected) { continue; }
        if (node.matches('time[datetime]')) { localiseTimes(node.parentNode); } else { localiseTimes(node); }
      }
    }
  }).observe(document.body, { childList: true, subtree: true });
  localiseTimes(document);

  // --- dialogs --------------------------------------------------------------------------------------------------

  function field(dialog, name) { return dialog.querySelector('[data-field="' + name + '"]'); }
  function problem(dialog, text) {
    var p = dialog.querySelector('.problem');
    p.textContent = text || '';
    p.hidden = !text;
  }
  function open(dialog) {
    problem(dialog, null);
    dialog.showModal();
  }
  document.addEventListener('click', function (e) {
    var close = e.target.closest('[data-close]');
    if (close) { close.closest('dialog').close(); }
  });

  /** Engine now in epoch ms: the browser's clock on the wall clock, the engine's on the event clock. */
  function engineNow() {
    var marks = document.querySelectorAll('[data-engine-now]');
    if (eventClock && marks.length) { return Number(marks[marks.length - 1].getAttribute('data-engine-now')); }
    return Date.now();
  }
  var UNITS = { ms: 1, s: 1000, m: 60000, h: 3600000, d: 86400000, w: 604800000 };
  function duration(text) {
    var re = /([0-9]+)(ms|s|m|h|d|w)/g, total = 0, m, used = 0;
    while ((m = re.exec(text)) !== null) { total += Number(m[1]) * UNITS[m[2]]; used += m[0].length; }
    return used === text.length && total > 0 ? total : null;
  }

  // Acknowledge
  var ackDialog = document.getElementById('ack-dialog');
  var ackAlert = null;

  // Silences: matchers editor with a live preview that the engine computes (POST /api/v1/silences/preview)
  var silenceDialog = document.getElementById('silence-dialog');
  function matcherRow(m) {
    var row = document.createElement('div');
    row.className = 'matcher';
    var op = m.isRegex ? (m.isEqual === false ? '!~' : '=~') : (m.isEqual === false ? '!=' : '=');
    row.innerHTML = '<label>Label <input name="m-name" required pattern="[a-zA-Z_][a-zA-Z0-9_]*" spellcheck="false"></label>' +
      '<label>Match <select name="m-op"><option value="=">=</option><option value="!=">!=</option>' +
      '<option value="=~">=~ (regex)</option><option value="!~">!~ (regex)</option></select></label>' +
      '<label>Value <input name="m-value" spellcheck="false"></label>' +
      '<button type="button" class="quiet" data-remove-matcher aria-label="Remove this matcher">✕</button>';
    row.querySelector('[name="m-name"]').value = m.name || '';
    row.querySelector('[name="m-op"]').value = op;
    row.querySelector('[name="m-value"]').value = m.value || '';
    return row;
  }
  function readMatchers() {
    var rows = silenceDialog.querySelectorAll('.matcher'), out = [];
    for (var i = 0; i < rows.length; i++) {
      var op = rows[i].querySelector('[name="m-op"]').value;
      var name = rows[i].querySelector('[name="m-name"]').value.trim();
      if (!name) { continue; }
      out.push({ name: name, value: rows[i].querySelector('[name="m-value"]').value,
        isRegex: op.indexOf('~') >= 0, isEqual: op.charAt(0) !== '!' });
    }
    return out;
  }
  var previewTimer = null;
  function preview() {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(function () {
      var list = field(silenceDialog, 'preview');
      var matchers = readMatchers();
      list.textContent = '';
      if (!matchers.length) {
        var none = document.createElement('li');
        none.className = 'muted';
        none.textContent = 'Add a matcher.';
        list.appendChild(none);
        return;
      }
      api('POST', '/api/v1/silences/preview', { matchers: matchers }).then(function (alerts) {
        list.textContent = '';
        if (!alerts.length) {
          var li = document.createElement('li');
          li.className = 'muted';
          li.textContent = 'No open alert matches.';
          list.appendChild(li);
        }
        alerts.forEach(function (a) {
          var li = document.createElement('li');
          var labels = Object.keys(a.labels).map(function (k) { return k + '="' + a.labels[k] + '"'; }).join(', ');
          li.textContent = a.name + ' {' + labels + '} ' + a.state;
          list.appendChild(li);
        });
      }).catch(function (err) {
        var li = document.createElement('li');
        li.className = 'error';
        li.textContent = err.message;
        list.appendChild(li);
      });
    }, 250);
  }
  /** The body of POST /api/v1/silences. A maintenance flag, once silences have one, is added here. */
  function buildSilence(form) {
    var ms = duration(form.elements.duration.value.trim());
    if (!ms) { throw new Error('duration: write it as 30m, 2h, 1d'); }
    return { matchers: readMatchers(), endsAt: new Date(engineNow() + ms).toISOString(),
      comment: form.elements.comment.value.trim() };
  }

  // Deployment actions and expiring silences: confirmation first
  var confirmDialog = document.getElementById('confirm-dialog');
  var pending = null; // what the confirm dialog will do

  document.addEventListener('click', function (e) {
    var b = e.target.closest('[data-action]');
    if (!b) { return; }
    var action = b.getAttribute('data-action');
    if (action === 'ack' && ackDialog) {
      ackAlert = b.getAttribute('data-alert-id');
      field(ackDialog, 'alert-text').textContent = b.getAttribute('data-alert-text');
      ackDialog.querySelector('textarea').value = '';
      open(ackDialog);
    } else if (action === 'silence' && silenceDialog) {
      var box = field(silenceDialog, 'matchers');
      box.textContent = '';
      var ms = JSON.parse(b.getAttribute('data-matchers') || '[]');
      if (!ms.length) { ms = [{ name: 'alertname', value: '' }]; }
      ms.forEach(function (m) { box.appendChild(matcherRow(m)); });
      silenceDialog.querySelector('#silence-title').textContent = b.getAttribute('data-alert-text')
        ? 'Silence ' + b.getAttribute('data-alert-text') : 'New silence';
      silenceDialog.querySelector('[name="comment"]').value = '';
      open(silenceDialog);
      preview();
    } else if (confirmDialog && (action === 'expire' || action === 'rollback' || action === 'promote' ||
        action === 'close')) {
      var id = b.getAttribute('data-deployment') || b.getAttribute('data-silence-id');
      var texts = {
        expire: ['Expire silence', 'Expire the silence ' + b.getAttribute('data-silence-text') +
          ' now? Notifications of the alerts it matches go out again.', 'Expire'],
        rollback: ['Roll back ' + id, 'Run the rollback command for deployment ' + id +
          ' now and announce it? This cannot be undone.', 'Roll back'],
        promote: ['Promote ' + id, 'Raise the traffic of deployment ' + id +
          ' now, without waiting for its rollout step or health? The promote command runs.', 'Promote'],
        close: ['Close the watch of ' + id, 'Stop watching deployment ' + id +
          ' now? No more checkpoints, no verdict; its final report is written.', 'Close watch']
      }[action];
      confirmDialog.querySelector('#confirm-title').textContent = texts[0];
      field(confirmDialog, 'explanation').textContent = texts[1];
      field(confirmDialog, 'confirm-button').textContent = texts[2];
      var reason = confirmDialog.querySelector('[name="reason"]');
      reason.value = '';
      reason.required = action !== 'expire';
      reason.closest('form').querySelector('label[for="confirm-reason"]').hidden = action === 'expire';
      reason.hidden = action === 'expire';
      var traffic = field(confirmDialog, 'traffic-label');
      traffic.hidden = action !== 'promote';
      traffic.querySelector('input').value = b.getAttribute('data-traffic') || '100';
      pending = { action: action, id: id };
      open(confirmDialog);
    }
  });

  if (silenceDialog) {
    silenceDialog.addEventListener('input', function (e) {
      if (e.target.closest('.matcher')) { preview(); }
    });
    silenceDialog.addEventListener('click', function (e) {
      if (e.target.closest('[data-add-matcher]')) {
        field(silenceDialog, 'matchers').appendChild(matcherRow({}));
      } else if (e.target.closest('[data-remove-matcher]')) {
        e.target.closest('.matcher').remove();
        preview();
      }
    });
  }

  document.addEventListener('submit', function (e) {
    var form = e.target;
    var kind = form.getAttribute('data-submit');
    if (!kind) { return; }
    e.preventDefault();
    var dialog = form.closest('dialog');
    var request;
    try {
      if (kind === 'ack') {
        request = api('POST', '/api/v1/alerts/' + encodeURIComponent(ackAlert) + '/ack',
          { comment: form.elements.comment.value.trim() || null });
      } else if (kind === 'silence') {
        request = api('POST', '/api/v1/silences', buildSilence(form));
      } else if (kind === 'confirm' && pending) {
        var reason = form.elements.reason.value.trim();
        var base = '/api/v1/deployments/' + encodeURIComponent(pending.id);
        if (pending.action === 'expire') {
          request = api('DELETE', '/api/v1/silences/' + encodeURIComponent(pending.id));
        } else if (pending.action === 'rollback') {
          request = api('POST', base + '/rollback', { reason: reason });
        } else if (pending.action === 'promote') {
          request = api('POST', base + '/promote', { reason: reason, traffic: Number(form.elements.traffic.value) });
        } else {
          request = api('POST', base + '/watch/close', { reason: reason });
        }
      }
    } catch (err) {
      problem(dialog, err.message);
      return;
    }
    var submit = form.querySelector('[type="submit"]');
    submit.disabled = true;
    request.then(function () {
      dialog.close();
      changed();
    }).catch(function (err) {
      problem(dialog, err.message);
    }).then(function () { submit.disabled = false; });
  });

  // --- sign out -------------------------------------------------------------------------------------------------

  var signOut = document.getElementById('sign-out');
  if (signOut) {
    signOut.addEventListener('click', function () {
      if (source) { source.close(); }
      api('DELETE', '/console/session').catch(function () { /* gone anyway */ }).then(function () {
        location.replace('/');
      });
    });
  }
})();
