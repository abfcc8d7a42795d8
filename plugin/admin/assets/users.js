// System › Users: grid, create (password typed twice), edit, enable /
// disable, change password (the user's tokens die), delete with a
// confirmation. Every action is an admin hook (user.*).
'use strict';

(() => {
  const {el, hook, banner, clearBanner, clearErrors, showErrors, field, formValues, confirm} = Admin;
  const page = () => document.getElementById('page');

  // Password typed twice: a mismatch is shown next to the second field.
  function passwordsMatch(form) {
    if (form.password.value === form.password_repeat.value) return true;
    const slot = form.querySelector('.field-error[data-path="password_repeat"]');
    slot.textContent = 'The two passwords do not match.';
    form.password_repeat.setAttribute('aria-invalid', 'true');
    return false;
  }

  function userForm(title, user, onSubmit) {
    const creating = user === null;
    const form = el('form', {class: 'panel', id: 'user-form', novalidate: true},
      el('h2', {text: title}),
      creating ? field('Username', 'username', {autocomplete: 'off', required: true}) : null,
      field('E-mail', 'email', {type: 'email', value: user ? user.email : ''}),
      field('First name', 'first_name', {value: user ? user.first_name : ''}),
      field('Last name', 'last_name', {value: user ? user.last_name : ''}),
      creating ? field('Password', 'password', {type: 'password', autocomplete: 'new-password'}) : null,
      creating ? field('Repeat password', 'password_repeat', {type: 'password', autocomplete: 'new-password'}) : null,
      el('div', {class: 'form-actions'},
        el('button', {type: 'submit', class: 'primary', id: 'user-save', text: 'Save'}),
        el('button', {type: 'button', id: 'user-cancel', text: 'Cancel', onclick: () => draw()})));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearErrors(form);
      if (creating && !passwordsMatch(form)) return;
      await onSubmit(form);
    });
    return form;
  }

  function passwordForm(user) {
    const form = el('form', {class: 'panel', id: 'password-form', novalidate: true},
      el('h2', {text: 'Change the password of ' + user.username}),
      el('p', {class: 'muted', text: 'Every token of this user stops working at once.'}),
      field('New password', 'password', {type: 'password', autocomplete: 'new-password'}),
      field('Repeat password', 'password_repeat', {type: 'password', autocomplete: 'new-password'}),
      el('div', {class: 'form-actions'},
        el('button', {type: 'submit', class: 'primary', id: 'password-save', text: 'Save'}),
        el('button', {type: 'button', text: 'Cancel', onclick: () => draw()})));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearErrors(form);
      if (!passwordsMatch(form)) return;
      const result = await hook('user.update', {username: user.username, password: form.password.value});
      if (result.status !== 200) return showErrors(form, result);
      await draw();
      banner('success', 'Password of ' + user.username + ' changed; its tokens were revoked.');
    });
    return form;
  }

  async function create(form) {
    const values = formValues(form);
    delete values.password_repeat;
    const result = await hook('user.create', values);
    if (result.status !== 201) return showErrors(form, result);
    await draw();
    banner('success', 'User ' + result.body.username + ' successfully created');
  }

  function edit(user) {
    return async (form) => {
      const values = formValues(form);
      const result = await hook('user.update', Object.assign({username: user.username}, values));
      if (result.status !== 200) return showErrors(form, result);
      await draw();
      banner('success', 'User ' + user.username + ' successfully updated');
    };
  }

  async function setEnabled(user, enabled) {
    const result = await hook('user.update', {username: user.username, enabled});
    if (result.status !== 200) return showErrors(null, result);
    await draw();
    banner('success', 'User ' + user.username + (enabled ? ' enabled' : ' disabled'));
  }

  async function remove(user) {
    if (!await confirm('Delete Confirmation', 'Are you sure you want to delete the user ' + user.username + '? Its tokens are revoked.', 'Yes, Delete')) return;
    const result = await hook('user.delete', {username: user.username});
    if (result.status !== 204) return showErrors(null, result);
    await draw();
    banner('success', 'User ' + user.username + ' successfully deleted');
  }

  function showForm(form) {
    clearBanner();
    const slot = document.getElementById('form-slot');
    slot.replaceChildren(form);
    const first = form.querySelector('input');
    if (first) first.focus();
  }

  function row(user) {
    return el('tr', {'data-username': user.username},
      el('td', {class: 'username', text: user.username}),
      el('td', {text: user.first_name + ' ' + user.last_name}),
      el('td', {text: user.email}),
      el('td', {}, el('span', {class: user.enabled ? 'pill' : 'pill off', text: user.enabled ? 'Enabled' : 'Disabled'})),
      el('td', {}, ...user.roles.map((code) => el('span', {class: 'pill', text: code}))),
      el('td', {class: 'actions'},
        el('button', {type: 'button', class: 'small', text: 'Edit', onclick: () => showForm(userForm('Edit ' + user.username, user, edit(user)))}),
        el('button', {type: 'button', class: 'small', text: user.enabled ? 'Disable' : 'Enable', onclick: () => setEnabled(user, !user.enabled)}),
        el('button', {type: 'button', class: 'small', text: 'Change password', onclick: () => showForm(passwordForm(user))}),
        el('button', {type: 'button', class: 'small danger', text: 'Delete', onclick: () => remove(user)})));
  }

  async function draw() {
    const result = await hook('user.list', {});
    if (result.status !== 200) return showErrors(null, result);
    const users = result.body.users;
    page().replaceChildren(
      el('div', {class: 'page-head'},
        el('h1', {text: users.length + ' user(s)'}),
        el('button', {type: 'button', class: 'primary', id: 'create-user', text: 'Create user',
          onclick: () => showForm(userForm('Create user', null, create))})),
      el('div', {id: 'form-slot'}),
      el('table', {id: 'users-grid'},
        el('thead', {}, el('tr', {}, ...['Username', 'Name', 'E-mail', 'Enabled', 'Roles', ''].map((t) => el('th', {text: t})))),
        el('tbody', {}, ...(users.length ? users.map(row) : [el('tr', {}, el('td', {class: 'empty', colspan: 6, text: 'No user yet.'}))]))));
  }

  Admin.start(draw);
})();
