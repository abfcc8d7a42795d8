// System › API connections, with the reference's texts (admin-hooks.md §4):
// "{n} API connection(s)", Create (Label, Save), the credentials cell, and
// Revoke with its confirmation. Hooks api_connection.*. Monitor (ours, issue
// 15) opens #monitor=<client_id>: last use, a bar chart of the last 168 hours
// (SVG built with DOM calls, no inline style) and the security events.
'use strict';

(() => {
  const {el, hook, banner, clearBanner, clearErrors, showErrors, field, confirm, copyButton} = Admin;
  const page = () => document.getElementById('page');

  function createDialog() {
    clearBanner();
    const dialog = el('dialog', {id: 'create-dialog', 'aria-labelledby': 'create-title'});
    const form = el('form', {id: 'create-form', novalidate: true},
      el('p', {class: 'dialog-subtitle', text: 'API connections'}),
      el('h2', {id: 'create-title', text: 'Create'}),
      el('div', {class: 'banner error form-message', role: 'alert', hidden: true}),
      field('Label', 'label', {required: true}),
      el('div', {class: 'form-actions'},
        el('button', {type: 'submit', class: 'primary', id: 'create-save', text: 'Save'}),
        el('button', {type: 'button', id: 'create-cancel', text: 'Cancel', onclick: () => { dialog.close(); dialog.remove(); }})));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearErrors(form);
      const result = await hook('api_connection.create', {label: form.label.value});
      if (result.status !== 201) {
        showErrors(form, result);
        return;
      }
      dialog.close();
      dialog.remove();
      await draw();
      banner('success', 'API connection successfully created');
    });
    dialog.append(form);
    document.body.append(dialog);
    dialog.showModal();
    form.label.focus();
  }

  async function revoke(connection) {
    const yes = await confirm('Revoke Confirmation',
      'Are you sure you want to revoke this API connection? All API calls made through this connection will now throw an error.',
      'Yes, Revoke');
    if (!yes) return;
    const result = await hook('api_connection.revoke', {client_id: connection.client_id});
    if (result.status !== 204) return showErrors(null, result);
    await draw();
    banner('success', 'API connection successfully revoked');
  }

  function row(connection) {
    return el('tr', {'data-client-id': connection.client_id},
      el('td', {class: 'label', text: connection.label}),
      el('td', {class: 'credentials'},
        el('div', {}, 'Client ID: ', el('code', {class: 'client-id', text: connection.client_id}), copyButton('client ID', connection.client_id)),
        el('div', {}, 'Secret: ', el('code', {class: 'secret', text: connection.secret}), copyButton('secret', connection.secret))),
      el('td', {class: 'actions'},
        el('button', {type: 'button', class: 'small monitor', text: 'Monitor', 'aria-label': 'Monitor ' + connection.label,
          onclick: () => { location.hash = 'monitor=' + encodeURIComponent(connection.client_id); }}),
        el('button', {type: 'button', class: 'small danger revoke', text: 'Revoke', onclick: () => revoke(connection)})));
  }

  const SVG = 'http://www.w3.org/2000/svg';
  const HOUR = 3600 * 1000;
  // The chart's series, bottom to top: metric name → class and legend label.
  const SERIES = [
    {key: 'api.200', cls: 's200', label: 'API calls 200'},
    {key: 'api.401', cls: 's401', label: 'API calls 401'},
    {key: 'api.403', cls: 's403', label: 'API calls 403'},
    {key: 'grants', cls: 'sgrant', label: 'Token requests'},
  ];

  function svg(tag, attributes, ...children) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (key === 'text') node.textContent = value;
      else node.setAttribute(key, value);
    }
    for (const child of children) node.append(child);
    return node;
  }

  // {api.200, api.401, api.403, grants} of one period of the audit.
  function countsOf(period) {
    const counts = {'api.200': 0, 'api.401': 0, 'api.403': 0, grants: 0};
    for (const [metric, hits] of Object.entries(period || {})) {
      if (metric in counts) counts[metric] += hits;
      else if (metric.startsWith('grant.')) counts.grants += hits;
    }
    return counts;
  }

  function hourLabel(ms) {
    return new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  }

  function describe(counts) {
    return SERIES.map((s) => s.label + ': ' + counts[s.key]).join(', ');
  }

  // 168 hourly slots ending with the current hour (or the newest counted one).
  function hourSlots(audit) {
    const byHour = new Map();
    for (const period of audit.hours_7d || []) byHour.set(Date.parse(period.hour), countsOf(period));
    let end = Math.floor(Date.now() / HOUR) * HOUR;
    for (const hour of byHour.keys()) end = Math.max(end, hour);
    const slots = [];
    for (let i = 167; i >= 0; --i) {
      const hour = end - i * HOUR;
      slots.push({hour, counts: byHour.get(hour) || countsOf(null)});
    }
    return slots;
  }

  function chart(slots, totals) {
    const width = 1000, height = 240, left = 44, right = 8, top = 12, bottom = 34;
    const plotW = width - left - right, plotH = height - top - bottom, slotW = plotW / slots.length;
    let max = 0;
    for (const slot of slots) max = Math.max(max, SERIES.reduce((sum, s) => sum + slot.counts[s.key], 0));
    const scaleMax = Math.max(1, Math.ceil(max / 4) * 4);
    const y = (value) => top + plotH - (value / scaleMax) * plotH;
    const root = svg('svg', {id: 'usage-chart', class: 'chart', viewBox: '0 0 ' + width + ' ' + height, role: 'img',
      'aria-labelledby': 'usage-chart-title usage-chart-desc'},
    svg('title', {id: 'usage-chart-title', text: 'Calls per hour, last 7 days'}),
    svg('desc', {id: 'usage-chart-desc', text: 'Stacked bars per hour from ' + hourLabel(slots[0].hour) + ' to ' +
      hourLabel(slots[slots.length - 1].hour) + '. Totals: ' + describe(totals) + '.'}));
    for (let i = 0; i <= 4; ++i) {
      const value = (scaleMax / 4) * i;
      root.append(svg('line', {class: 'grid', x1: left, x2: width - right, y1: y(value), y2: y(value)}),
        svg('text', {class: 'axis', x: left - 6, y: y(value) + 4, 'text-anchor': 'end', text: String(value)}));
    }
    slots.forEach((slot, index) => {
      const x = left + index * slotW;
      if (new Date(slot.hour).getUTCHours() === 0 && x + 72 < width) {
        root.append(svg('line', {class: 'day', x1: x, x2: x, y1: top, y2: top + plotH + 6}),
          svg('text', {class: 'axis', x: x + 3, y: height - 8, text: new Date(slot.hour).toISOString().slice(0, 10)}));
      }
      let base = 0;
      const total = SERIES.reduce((sum, s) => sum + slot.counts[s.key], 0);
      if (!total) return;
      const group = svg('g', {class: 'bar'}, svg('title', {text: hourLabel(slot.hour) + ': ' + describe(slot.counts)}));
      for (const series of SERIES) {
        const value = slot.counts[series.key];
        if (!value) continue;
        group.append(svg('rect', {class: 'seg ' + series.cls, x: x + slotW * 0.12, width: Math.max(1, slotW * 0.76),
          y: y(base + value), height: y(base) - y(base + value)}));
        base += value;
      }
      root.append(group);
    });
    root.append(svg('line', {class: 'baseline', x1: left, x2: width - right, y1: top + plotH, y2: top + plotH}));
    return root;
  }

  function legend() {
    return el('ul', {class: 'legend', 'aria-hidden': 'true'}, ...SERIES.map((series) =>
      el('li', {}, svg('svg', {class: 'swatch', viewBox: '0 0 10 10'}, svg('rect', {class: series.cls, width: 10, height: 10})), series.label)));
  }

  function stat(label, value, id, wide) {
    return el('div', {class: wide ? 'stat wide' : 'stat'}, el('div', {class: 'stat-label', text: label}), el('div', {class: 'stat-value', id, text: value}));
  }

  async function drawMonitor(clientId, fromConnections) {
    clearBanner();
    const result = await hook('api_connection.audit', {client_id: clientId});
    if (result.status !== 200) {
      page().replaceChildren();
      return showErrors(null, result);
    }
    const audit = result.body;
    const slots = hourSlots(audit);
    const totals = countsOf(null);
    for (const slot of slots) for (const series of SERIES) totals[series.key] += slot.counts[series.key];
    const activeHours = slots.filter((slot) => SERIES.some((s) => slot.counts[s.key])).reverse();
    const events = audit.events || [];
    page().replaceChildren(
      el('div', {class: 'page-head'},
        el('div', {},
          el('p', {class: 'dialog-subtitle', text: (fromConnections ? 'Connections' : 'API connections') + ' › Monitoring'}),
          el('h1', {id: 'monitor-title', tabindex: '-1', text: audit.label})),
        el('button', {type: 'button', id: 'monitor-back', text: fromConnections ? 'Back to Connections' : 'Back to API connections',
          onclick: () => { if (fromConnections) location.href = '/admin/connections'; else location.hash = ''; }})),
      el('section', {class: 'panel stats', 'aria-label': 'Summary'},
        stat('Last used', audit.last_used_at ? audit.last_used_at.replace('T', ' ').replace('Z', ' UTC') : 'Never', 'monitor-last-used'),
        stat('Client ID', audit.client_id, null, true),
        stat('Connection', audit.connection || '—', null),
        ...SERIES.map((series) => stat(series.label + ' (7 days)', String(totals[series.key]), null))),
      el('section', {class: 'panel', 'aria-labelledby': 'chart-heading'},
        el('h2', {id: 'chart-heading', text: 'Calls per hour, last 7 days (UTC)'}),
        legend(),
        chart(slots, totals),
        el('details', {id: 'usage-table'},
          el('summary', {text: 'Show the hours with calls as a table (' + activeHours.length + ')'}),
          el('table', {},
            el('caption', {class: 'muted', text: 'Hours with at least one call, newest first'}),
            el('thead', {}, el('tr', {}, el('th', {text: 'Hour'}), ...SERIES.map((s) => el('th', {text: s.label})))),
            el('tbody', {}, ...activeHours.map((slot) => el('tr', {}, el('td', {text: hourLabel(slot.hour)}),
              ...SERIES.map((s) => el('td', {text: String(slot.counts[s.key])})))))))),
      el('section', {class: 'panel', 'aria-labelledby': 'events-heading'},
        el('h2', {id: 'events-heading', text: 'Security events (newest ' + events.length + ')'}),
        el('table', {id: 'monitor-events'},
          el('thead', {}, el('tr', {}, ...['Time', 'Remote address', 'Event', 'Detail'].map((t) => el('th', {text: t})))),
          el('tbody', {}, ...(events.length ? events.map((event) => el('tr', {},
            el('td', {class: 'time', text: event.time.replace('T', ' ').replace('Z', ' UTC')}),
            el('td', {class: 'remote', text: event.remote_address}),
            el('td', {class: 'event', text: event.event}),
            el('td', {class: 'detail', text: event.detail || ''}))) :
            [el('tr', {}, el('td', {class: 'empty', colspan: 4, text: 'No security event.'}))])))));
    document.getElementById('monitor-title').focus();
  }

  function route() {
    // #monitor=<client_id>, and &from=connections when System › Connections opened it.
    const match = /^#monitor=([^&]+)(&from=connections)?$/.exec(location.hash);
    const clientId = match ? decodedOrNull(match[1]) : null;
    // Malformed (not valid percent-encoding, an unknown suffix): it names no
    // client; the list, under a clean address.
    if (clientId === null && /^#monitor=/.test(location.hash)) history.replaceState(null, '', location.pathname);
    const fromConnections = Boolean(clientId && match[2]);
    Admin.setSection(fromConnections ? '/admin/connections' : null);
    return clientId ? drawMonitor(clientId, fromConnections) : draw();
  }

  function decodedOrNull(text) {
    try { return decodeURIComponent(text); } catch (error) { return null; }
  }

  async function draw() {
    if (/^#monitor=/.test(location.hash)) return route();
    const result = await hook('api_connection.list', {});
    if (result.status !== 200) return showErrors(null, result);
    const rows = result.body.api_connections;
    page().replaceChildren(
      el('div', {class: 'page-head'},
        el('h1', {id: 'grid-title', text: result.body.count + ' API connection(s)'}),
        el('button', {type: 'button', class: 'primary', id: 'create-connection', text: 'Create', onclick: createDialog})),
      el('table', {id: 'api-connections-grid'},
        el('thead', {}, el('tr', {}, ...['Label', 'Credentials', ''].map((t) => el('th', {text: t})))),
        el('tbody', {}, ...(rows.length ? rows.map(row) : [el('tr', {}, el('td', {class: 'empty', colspan: 3, text: 'No API connection yet.'}))]))));
  }

  window.addEventListener('hashchange', route);
  Admin.start(route);
})();
