// Shared by every page of the admin console: the menu (from the host's
// /admin/menu), the signed-in user, hook calls with the CSRF token, and
// rendering helpers. Every text from the server is set with textContent,
// never parsed as HTML: a label "<img src=x onerror=alert(1)>" shows as text.
'use strict';

const Admin = (() => {
  function csrfToken() {
    for (const part of document.cookie.split(';')) {
      const [name, ...rest] = part.trim().split('=');
      if (name === 'pim_admin_csrf') return rest.join('=');
    }
    return '';
  }

  // Creates an element; children are elements or strings (text nodes).
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (value === false || value === null || value === undefined) continue;
      if (key === 'text') node.textContent = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : value);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }

  // Calls an admin hook through the console's one endpoint: {status, body}.
  async function hook(name, request) {
    let response;
    try {
      response = await fetch('/admin/hook', {
        method: 'POST',
        credentials: 'same-origin',
        headers: {'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken()},
        body: JSON.stringify({hook: name, request: request || {}}),
      });
    } catch (error) {
      return {status: 0, body: {error: {status: 0, message: 'The server cannot be reached. Check that it runs and try again.', violations: []}}};
    }
    if (response.status === 401) {
      window.location.assign('/admin/login');
      return {status: 401, body: null};
    }
    const text = await response.text();
    let body = null;
    try { body = text ? JSON.parse(text) : null; } catch (error) { body = null; }
    return {status: response.status, body};
  }

  function banner(kind, message) {
    const node = document.getElementById('banner');
    node.className = 'banner ' + kind;
    node.textContent = message;
    node.hidden = false;
    node.scrollIntoView({block: 'nearest'});
  }

  function clearBanner() {
    const node = document.getElementById('banner');
    node.hidden = true;
    node.textContent = '';
  }

  function clearErrors(form) {
    for (const node of form.querySelectorAll('.field-error')) node.textContent = '';
    for (const node of form.querySelectorAll('[aria-invalid]')) node.removeAttribute('aria-invalid');
    for (const node of form.querySelectorAll('.form-message')) node.hidden = true;
  }

  // Shows a hook's error answer: each violation next to the field its path
  // names (data-path, "roles[2]" under "roles"), the rest in the banner.
  function showErrors(form, result) {
    if (form) clearErrors(form);
    const error = (result.body && result.body.error) || {};
    const violations = error.violations || [];
    const unplaced = [];
    for (const violation of violations) {
      const base = String(violation.path || '').replace(/\[\d+\]$/, '');
      const slot = form && form.querySelector('.field-error[data-path="' + CSS.escape(base) + '"]');
      if (!slot) { unplaced.push(violation); continue; }
      slot.textContent = (slot.textContent ? slot.textContent + ' ' : '') + violation.message;
      const input = form.querySelector('[name="' + CSS.escape(base) + '"]');
      if (input) input.setAttribute('aria-invalid', 'true');
    }
    let message = error.message || ('The server answered ' + result.status + '.');
    if (result.status === 409) message = 'Conflict: ' + (violations.map((v) => v.message).join(' ') || message);
    else if (result.status === 503) message = 'The database is unavailable (503): ' + message + ' Try again in a moment.';
    else if (unplaced.length) message += ' ' + unplaced.map((v) => (v.path ? v.path + ': ' : '') + v.message).join(' ');
    banner('error', message);
    // In a modal dialog the page's banner is behind the backdrop: say it there too.
    const local = form && form.querySelector('.form-message');
    if (local) {
      local.textContent = message;
      local.hidden = false;
    }
  }

  // A field with its label and the slot for its validation message.
  function field(label, name, attributes) {
    const id = 'field-' + name;
    return el('div', {class: 'field'},
      el('label', {for: id, text: label}),
      el('input', Object.assign({id, name, 'aria-describedby': id + '-error'}, attributes || {})),
      el('div', {class: 'field-error', id: id + '-error', 'data-path': name, 'aria-live': 'polite'}));
  }

  function formValues(form) {
    const values = {};
    for (const input of form.querySelectorAll('input[name], select[name]')) {
      if (input.type === 'checkbox') continue;
      values[input.name] = input.value;
    }
    return values;
  }

  // A modal confirmation; resolves true when confirmed.
  function confirm(title, text, yesLabel) {
    clearBanner();
    return new Promise((resolve) => {
      const dialog = el('dialog', {class: 'confirm', 'aria-labelledby': 'confirm-title'});
      const done = (answer) => { dialog.close(); dialog.remove(); resolve(answer); };
      dialog.append(
        el('h2', {id: 'confirm-title', text: title}),
        el('p', {text}),
        el('div', {class: 'form-actions'},
          el('button', {type: 'button', class: 'danger', id: 'confirm-yes', text: yesLabel, onclick: () => done(true)}),
          el('button', {type: 'button', id: 'confirm-cancel', text: 'Cancel', onclick: () => done(false)})));
      dialog.addEventListener('cancel', () => done(false));
      document.body.append(dialog);
      dialog.showModal();
    });
  }

  function copyButton(label, value) {
    return el('button', {type: 'button', class: 'small copy', 'aria-label': 'Copy ' + label, text: 'Copy',
      onclick: async (event) => {
        try { await navigator.clipboard.writeText(value); event.target.textContent = 'Copied'; } catch (error) { event.target.textContent = 'Select and copy'; }
      }});
  }

  // The menu entry marked as the current page: the page's own, unless a view
  // it shows belongs to another one (the monitoring view opened from
  // System › Connections).
  let section = null;
  function markSection() {
    const current = section || location.pathname;
    for (const link of document.querySelectorAll('#menu a'))
      if (link.getAttribute('href') === current) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
  }
  function setSection(path) {
    section = path;
    markSection();
  }

  async function drawMenu() {
    const nav = document.getElementById('menu');
    try {
      const response = await fetch('/admin/menu', {credentials: 'same-origin'});
      const {menus} = await response.json();
      for (const menu of menus) {
        nav.append(el('span', {class: 'menu-title', text: menu.menu}));
        for (const page of menu.pages)
          nav.append(el('a', {href: page.path, text: page.label}));
      }
      markSection();
    } catch (error) {
      nav.append(el('span', {text: 'Menu unavailable'}));
    }
  }

  async function drawSession() {
    const response = await fetch('/admin/session', {credentials: 'same-origin'});
    if (response.status === 401) { window.location.assign('/admin/login'); return; }
    if (response.ok) document.getElementById('whoami').textContent = (await response.json()).username;
    document.getElementById('logout').addEventListener('click', async () => {
      await fetch('/admin/logout', {method: 'POST', credentials: 'same-origin', headers: {'X-CSRF-Token': csrfToken()}});
      window.location.assign('/admin/login');
    });
  }

  function start(draw) {
    document.addEventListener('DOMContentLoaded', () => {
      drawMenu();
      drawSession();
      draw();
    });
  }

  return {el, hook, banner, clearBanner, clearErrors, showErrors, field, formValues, confirm, copyButton, setSection, start};
})();
