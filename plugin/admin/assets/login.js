// The login form: POST /admin/login with JSON; the session arrives as an
// HttpOnly cookie. Messages of the server (wrong password, throttled, not an
// administrator) are shown as text.
'use strict';

document.addEventListener('DOMContentLoaded', () => {
  const form = document.getElementById('login-form');
  const message = document.getElementById('login-error');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.textContent = '';
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    try {
      const response = await fetch('/admin/login', {
        method: 'POST',
        credentials: 'same-origin',
        headers: {'Content-Type': 'application/json'},
        body: JSON.stringify({username: form.username.value, password: form.password.value}),
      });
      if (response.ok) {
        window.location.assign('/admin/');
        return;
      }
      let text = 'The server answered ' + response.status + '.';
      try { text = (await response.json()).error.message; } catch (error) { /* keep the status */ }
      message.textContent = text;
      form.password.value = '';
      form.password.focus();
    } catch (error) {
      message.textContent = 'The server cannot be reached. Check that it runs and try again.';
    } finally {
      button.disabled = false;
    }
  });
});
