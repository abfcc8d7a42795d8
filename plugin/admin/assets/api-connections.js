// System › API connections, with the reference's texts (admin-hooks.md §4):
// "{n} API connection(s)", Create (Label, Save), the credentials cell, and
// Revoke with its confirmation. Hooks api_connection.*.
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
        el('button', {type: 'button', class: 'small danger revoke', text: 'Revoke', onclick: () => revoke(connection)})));
  }

  async function draw() {
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

  Admin.start(draw);
})();
