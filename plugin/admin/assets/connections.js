// System › Connections: one step as pim:connection:create (code, label, flow
// type) → user, password, client id and secret, shown once with copy
// buttons; regenerate a secret or a password; Monitor opens the API
// connections page's monitoring view of the connection's client. Hooks
// connection.* and api_connection.list (the connections' rows).
'use strict';

(() => {
  const {el, hook, banner, clearBanner, clearErrors, showErrors, field, confirm, copyButton} = Admin;
  const page = () => document.getElementById('page');

  // The credentials, once: they are not shown again (the password never).
  function showOnce(title, entries) {
    const panel = el('div', {class: 'panel', id: 'shown-once'},
      el('h2', {text: title}),
      el('p', {class: 'note', text: 'Copy these now: the password is not shown again.'}),
      el('div', {class: 'shown-grid'}, ...entries.flatMap(([label, value, cls]) => [
        el('span', {class: 'muted', text: label}), el('code', {class: cls, text: value}), copyButton(label, value)])));
    document.getElementById('form-slot').replaceChildren(panel);
  }

  function createForm() {
    const form = el('form', {class: 'panel', id: 'connection-form', novalidate: true},
      el('h2', {text: 'Create a connection'}),
      field('Code', 'code', {required: true, autocomplete: 'off'}),
      field('Label', 'label', {autocomplete: 'off'}),
      el('div', {class: 'field'},
        el('label', {for: 'field-flow_type', text: 'Flow type'}),
        el('select', {id: 'field-flow_type', name: 'flow_type'},
          el('option', {value: 'data_source', text: 'Data source'}),
          el('option', {value: 'data_destination', text: 'Data destination'}),
          el('option', {value: 'other', selected: true, text: 'Other'})),
        el('div', {class: 'field-error', 'data-path': 'flow_type'})),
      el('div', {class: 'form-actions'},
        el('button', {type: 'submit', class: 'primary', id: 'connection-save', text: 'Save'})));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearErrors(form);
      clearBanner();
      const request = {code: form.code.value, flow_type: form.flow_type.value};
      if (form.label.value !== '') request.label = form.label.value;
      const result = await hook('connection.create', request);
      if (result.status !== 201) return showErrors(form, result);
      const c = result.body;
      await draw();
      banner('success', 'Connection ' + c.code + ' successfully created');
      showOnce('Credentials of ' + c.code, [['Client ID', c.client_id, 'client-id'], ['Secret', c.secret, 'secret'],
        ['Username', c.username, 'username'], ['Password', c.password, 'password']]);
    });
    return form;
  }

  async function regenerateSecret(row) {
    if (!await confirm('Regenerate Confirmation', 'The current secret of ' + row.label + ' stops working at once.', 'Yes, Regenerate')) return;
    const result = await hook('connection.regenerate_secret', {client_id: row.client_id});
    if (result.status !== 200) return showErrors(null, result);
    await draw();
    banner('success', 'Secret regenerated');
    showOnce('New secret of ' + row.label, [['Client ID', result.body.client_id, 'client-id'], ['Secret', result.body.secret, 'secret']]);
  }

  async function regeneratePassword(row) {
    const username = row.connection.username;
    if (!await confirm('Regenerate Confirmation', 'The password of ' + username + ' changes and its tokens are revoked.', 'Yes, Regenerate')) return;
    const result = await hook('connection.regenerate_password', {username});
    if (result.status !== 200) return showErrors(null, result);
    await draw();
    banner('success', 'Password regenerated');
    showOnce('New password of ' + username, [['Username', result.body.username, 'username'], ['Password', result.body.password, 'password']]);
  }

  function row(r) {
    return el('tr', {'data-code': r.connection.code},
      el('td', {}, el('code', {text: r.connection.code})),
      el('td', {class: 'label', text: r.label}),
      el('td', {text: r.connection.flow_type}),
      el('td', {text: r.connection.username === null ? '(user deleted)' : r.connection.username}),
      el('td', {class: 'credentials'}, 'Client ID: ', el('code', {text: r.client_id})),
      el('td', {class: 'actions'},
        el('button', {type: 'button', class: 'small monitor', text: 'Monitor', 'aria-label': 'Monitor ' + r.label,
          onclick: () => { location.href = '/admin/api-connections#monitor=' + encodeURIComponent(r.client_id) + '&from=connections'; }}),
        el('button', {type: 'button', class: 'small', text: 'Regenerate secret', onclick: () => regenerateSecret(r)}),
        r.connection.username === null ? null :
          el('button', {type: 'button', class: 'small', text: 'Regenerate password', onclick: () => regeneratePassword(r)})));
  }

  async function draw() {
    const result = await hook('api_connection.list', {});
    if (result.status !== 200) return showErrors(null, result);
    const rows = result.body.api_connections.filter((r) => r.connection !== null);
    const slot = document.getElementById('form-slot');
    const kept = slot ? [...slot.childNodes] : [];
    page().replaceChildren(
      el('div', {class: 'page-head'}, el('h1', {text: rows.length + ' connection(s)'})),
      createForm(),
      el('div', {id: 'form-slot'}, ...kept),
      el('table', {id: 'connections-grid'},
        el('thead', {}, el('tr', {}, ...['Code', 'Label', 'Flow type', 'User', 'Credentials', ''].map((t) => el('th', {text: t})))),
        el('tbody', {}, ...(rows.length ? rows.map(row) : [el('tr', {}, el('td', {class: 'empty', colspan: 6, text: 'No connection yet.'}))]))));
  }

  Admin.start(draw);
})();
