// System › Roles: grid, Create role → label, tab "Web API permissions" (the
// catalogue of acl.list, grouped, "Overall Web API access" first), tab
// "Users" (a checkbox per user), Save. Edit and delete through role.*.
'use strict';

(() => {
  const {el, hook, banner, clearBanner, clearErrors, showErrors, field, confirm} = Admin;
  const page = () => document.getElementById('page');

  // The overall permission is labelled by its group, as the seed names it.
  function permissionLabel(permission) {
    return permission.id === 'pim_api_overall_access' ? permission.group : permission.label;
  }

  function checkbox(id, name, value, label, checked) {
    return el('div', {class: 'check'},
      el('input', {type: 'checkbox', id, name, value, checked: checked ? true : null}),
      el('label', {for: id, text: label}));
  }

  function permissionsPanel(permissions, granted) {
    const groups = [];
    for (const permission of permissions) {
      let group = groups.find((g) => g.name === permission.group);
      if (!group) groups.push(group = {name: permission.group, permissions: []});
      group.permissions.push(permission);
    }
    return el('div', {id: 'tab-permissions', role: 'tabpanel', 'aria-labelledby': 'tab-button-permissions'},
      ...groups.map((group) => el('fieldset', {},
        el('legend', {text: group.name}),
        ...group.permissions.map((p) => checkbox('permission-' + p.id, 'permissions', p.id, permissionLabel(p), granted.includes(p.id))))),
      el('div', {class: 'field-error', 'data-path': 'permissions'}));
  }

  function usersPanel(users, holders) {
    return el('div', {id: 'tab-users', role: 'tabpanel', 'aria-labelledby': 'tab-button-users', hidden: true},
      users.length ? null : el('p', {class: 'muted', text: 'No user yet: create one under Users.'}),
      ...users.map((u) => checkbox('user-' + u.username, 'users', u.username, u.username, holders.includes(u.username))),
      el('div', {class: 'field-error', 'data-path': 'users'}));
  }

  function tabs() {
    const select = (which) => {
      for (const name of ['permissions', 'users']) {
        document.getElementById('tab-button-' + name).setAttribute('aria-selected', String(name === which));
        document.getElementById('tab-' + name).hidden = name !== which;
      }
    };
    return el('div', {class: 'tabs', role: 'tablist'},
      el('button', {type: 'button', role: 'tab', id: 'tab-button-permissions', 'aria-selected': 'true', 'aria-controls': 'tab-permissions', text: 'Web API permissions', onclick: () => select('permissions')}),
      el('button', {type: 'button', role: 'tab', id: 'tab-button-users', 'aria-selected': 'false', 'aria-controls': 'tab-users', text: 'Users', onclick: () => select('users')}));
  }

  function ticked(form, name) {
    return [...form.querySelectorAll('input[name="' + name + '"]:checked')].map((input) => input.value);
  }

  async function roleForm(role) {
    const [acl, users] = await Promise.all([hook('acl.list', {}), hook('user.list', {})]);
    if (acl.status !== 200) return showErrors(null, acl);
    if (users.status !== 200) return showErrors(null, users);
    clearBanner();
    const form = el('form', {class: 'panel', id: 'role-form', novalidate: true},
      el('h2', {text: role ? 'Edit role ' + role.label : 'Create role'}),
      field('Label', 'label', {value: role ? role.label : '', required: true}),
      tabs(),
      permissionsPanel(acl.body.permissions, role ? role.permissions : []),
      usersPanel(users.body.users, role ? role.users : []),
      el('div', {class: 'form-actions'},
        el('button', {type: 'submit', class: 'primary', id: 'role-save', text: 'Save'}),
        el('button', {type: 'button', text: 'Cancel', onclick: () => draw()})));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearErrors(form);
      const request = {label: form.label.value, permissions: ticked(form, 'permissions'), users: ticked(form, 'users')};
      const result = role ? await hook('role.update', Object.assign({code: role.code}, request)) : await hook('role.create', request);
      if (result.status !== 200 && result.status !== 201) return showErrors(form, result);
      await draw();
      banner('success', 'Role ' + result.body.label + (role ? ' successfully updated' : ' successfully created'));
    });
    document.getElementById('form-slot').replaceChildren(form);
    form.label.focus();
  }

  async function remove(role) {
    if (!await confirm('Delete Confirmation', 'Are you sure you want to delete the role ' + role.label + '? Its users lose its permissions.', 'Yes, Delete')) return;
    const result = await hook('role.delete', {code: role.code});
    if (result.status !== 204) return showErrors(null, result);
    await draw();
    banner('success', 'Role ' + role.label + ' successfully deleted');
  }

  function row(role) {
    return el('tr', {'data-code': role.code},
      el('td', {class: 'label', text: role.label}),
      el('td', {}, el('code', {text: role.code})),
      el('td', {}, el('span', {class: 'pill', text: role.permissions.length + ' permission(s)'})),
      el('td', {}, ...role.users.map((u) => el('span', {class: 'pill', text: u}))),
      el('td', {class: 'actions'},
        el('button', {type: 'button', class: 'small', text: 'Edit', onclick: () => roleForm(role)}),
        el('button', {type: 'button', class: 'small danger', text: 'Delete', onclick: () => remove(role)})));
  }

  async function draw() {
    const result = await hook('role.list', {});
    if (result.status !== 200) return showErrors(null, result);
    const roles = result.body.roles;
    page().replaceChildren(
      el('div', {class: 'page-head'},
        el('h1', {text: roles.length + ' role(s)'}),
        el('button', {type: 'button', class: 'primary', id: 'create-role', text: 'Create role', onclick: () => roleForm(null)})),
      el('div', {id: 'form-slot'}),
      el('table', {id: 'roles-grid'},
        el('thead', {}, el('tr', {}, ...['Label', 'Code', 'Web API permissions', 'Users', ''].map((t) => el('th', {text: t})))),
        el('tbody', {}, ...roles.map(row))));
  }

  Admin.start(draw);
})();
