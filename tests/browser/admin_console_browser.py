#!/usr/bin/python3
"""The admin console in a real browser: headless Chromium (Debian's chromium
and chromium-driver) driven by python3-selenium against `pim-host serve`.

    admin_console_browser.py <build-dir> <test-name> [--screenshots DIR]

Each test gets a throw-away project (config/dev.yaml, SQLite), its own server
on a free port and its own browser. `seed_tutorial` walks the seed documents
click by click; the others check refusals, expiry, CSRF, XSS and messages.
Screenshots go to --screenshots (default <build-dir>/screenshots); those in
docs/screenshots/ come from this run.
"""
import argparse
import base64
import http.server
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

SECRET_KEY = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff'  # tests/support/sandbox.hpp
ADMIN, ADMIN_PASSWORD = 'admin', 'adminPassword1'
WAIT = 30  # seconds; two shared cores make Chromium slow to start
XSS = '<img src=x onerror=alert(1)>'
REVOKE_TEXT = ('Are you sure you want to revoke this API connection? All API calls made through this '
               'connection will now throw an error.')


class Project:
    """A throw-away project directory and its `pim-host serve`."""

    def __init__(self, build, extra_yaml=''):
        self.build = build
        self.host_binary = os.path.join(build, 'bin', 'pim-host')
        self.dir = tempfile.mkdtemp(prefix='pim-browser-')
        os.makedirs(os.path.join(self.dir, 'config'))
        with open(os.path.join(self.dir, 'config', 'dev.yaml'), 'w') as out:
            out.write('database:\n  url: sqlite3://var/browser.db\n  auto_migrate: true\n'
                      'security:\n  secret_key: %s\n  password:\n    argon2id:\n      opslimit: 2\n'
                      '      memlimit_kib: 19456\n' % SECRET_KEY + extra_yaml)
        self.clock_file = os.path.join(self.dir, 'clock-offset')
        self.clock_offset = 0
        self.env = dict(os.environ, PIM_CONFIG_DIR=os.path.join(self.dir, 'config'),
                        PIM_PLUGINS_DIR=os.path.join(build, 'plugins'), PIM_TEST_CLOCK_FILE=self.clock_file)
        self.server = None
        self.base_url = None

    def host(self, *args):
        result = subprocess.run([self.host_binary, *args], env=self.env, cwd=self.dir, stdin=subprocess.DEVNULL,
                                capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise AssertionError('pim-host %s failed: %s%s' % (args[0], result.stdout, result.stderr))
        return result.stdout

    def create_admin(self):
        self.host('pim:user:create', ADMIN, ADMIN_PASSWORD, 'admin@example.com', 'Ada', 'Admin', 'en_US', '--admin', '-n')

    def start(self):
        self.server_out = open(os.path.join(self.dir, 'server.out'), 'w+')
        self.server_err = open(os.path.join(self.dir, 'server.err'), 'w+')
        self.server = subprocess.Popen([self.host_binary, 'serve', '--listen=127.0.0.1:0'], env=self.env, cwd=self.dir,
                                       stdin=subprocess.DEVNULL, stdout=self.server_out, stderr=self.server_err)
        deadline = time.time() + 30
        while time.time() < deadline:
            with open(self.server_out.name) as announced:
                match = re.match(r'Listening on (http://127\.0\.0\.1:\d+)$', announced.readline().strip())
            if match:
                self.base_url = match.group(1)
                return
            if self.server.poll() is not None:
                break
            time.sleep(0.1)
        raise AssertionError('pim-host serve did not start: ' + open(self.server_err.name).read())

    def advance_clock(self, seconds):
        """Moves the plugin's clock forward (PIM_TEST_CLOCK_FILE), as Sandbox::advance_clock."""
        self.clock_offset += seconds
        with open(self.clock_file, 'w') as out:
            out.write(str(self.clock_offset))

    def stop(self):
        if self.server is not None and self.server.poll() is None:
            self.server.terminate()
            try:
                self.server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.server.kill()
                self.server.wait()
        shutil.rmtree(self.dir, ignore_errors=True)

    def request(self, method, path, body=None, headers=None):
        request = urllib.request.Request(self.base_url + path, data=body, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


class Browser:
    """Headless Chromium through chromedriver; screenshots by name."""

    def __init__(self, project, screenshots):
        options = webdriver.ChromeOptions()
        options.binary_location = '/usr/bin/chromium'
        for argument in ('--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
                         '--window-size=1280,860', '--force-device-scale-factor=1', '--lang=en-US'):
            options.add_argument(argument)
        options.set_capability('goog:loggingPrefs', {'browser': 'ALL'})
        self.driver = webdriver.Chrome(service=Service('/usr/bin/chromedriver'), options=options)
        self.driver.set_page_load_timeout(60)
        self.project = project
        self.screenshots = screenshots

    def open(self, path):
        self.driver.get(self.project.base_url + path)

    def wait(self, condition, timeout=WAIT):
        return WebDriverWait(self.driver, timeout).until(condition)

    def find(self, css):
        return self.wait(EC.visibility_of_element_located((By.CSS_SELECTOR, css)))

    def click(self, css):
        self.wait(EC.element_to_be_clickable((By.CSS_SELECTOR, css))).click()

    def click_text(self, tag, text):
        self.wait(EC.element_to_be_clickable((By.XPATH, '//%s[normalize-space()="%s"]' % (tag, text)))).click()

    def type(self, css, text):
        field = self.find(css)
        field.clear()
        field.send_keys(text)

    def text_of(self, css):
        return self.find(css).text

    def wait_text(self, css, text):
        self.wait(EC.text_to_be_present_in_element((By.CSS_SELECTOR, css), text))

    def wait_path(self, path):
        self.wait(lambda driver: driver.current_url == self.project.base_url + path)

    def shot(self, name):
        if self.screenshots:
            os.makedirs(self.screenshots, exist_ok=True)
            time.sleep(0.3)  # let the last repaint land
            self.driver.save_screenshot(os.path.join(self.screenshots, name + '.png'))

    def login(self, username=ADMIN, password=ADMIN_PASSWORD):
        self.open('/admin/login')
        self.type('#username', username)
        self.type('#password', password)
        self.click('#login-submit')

    def login_error(self):
        self.wait(lambda driver: driver.find_element(By.ID, 'login-error').text != '')
        return self.driver.find_element(By.ID, 'login-error').text

    def menu(self, label):
        self.click_text('a', label)

    def no_alert(self):
        try:
            self.driver.switch_to.alert
        except NoAlertPresentException:
            return True
        return False

    def console_errors(self):
        return [entry for entry in self.driver.get_log('browser') if entry['level'] == 'SEVERE']

    def quit(self):
        self.driver.quit()


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def token(project, client_id, secret, username, password):
    basic = base64.b64encode(('%s:%s' % (client_id, secret)).encode()).decode()
    body = json.dumps({'grant_type': 'password', 'username': username, 'password': password}).encode()
    status, text = project.request('POST', '/api/oauth/v1/token', body,
                                   {'Content-Type': 'application/json', 'Authorization': 'Basic ' + basic})
    check(status == 200, 'token request: %d %s' % (status, text))
    return json.loads(text)['access_token']


def api_call(project, access_token, path='/api/rest/v1/products'):
    return project.request('GET', path, headers={'Authorization': 'Bearer ' + access_token})


# --- the tests ----------------------------------------------------------------

def seed_tutorial(project, browser):
    """The seed documents, step by step, as an administrator would click them."""
    project.create_admin()
    project.start()
    browser.open('/admin/')
    browser.wait_path('/admin/login')
    browser.find('#username')
    browser.shot('01-login')
    browser.login()
    browser.wait_path('/admin/users')

    # System > Users: create myERPuser with its password (typed twice).
    browser.click('#create-user')
    browser.type('#field-username', 'myERPuser')
    browser.type('#field-email', 'myerpuser@example.com')
    browser.type('#field-first_name', 'My')
    browser.type('#field-last_name', 'ERPuser')
    browser.type('#field-password', 'myERPuserPassword')
    browser.type('#field-password_repeat', 'myERPuserPassword')
    browser.shot('02-user-create')
    browser.click('#user-save')
    browser.wait_text('#banner', 'User myERPuser successfully created')
    browser.find('tr[data-username="myERPuser"]')
    browser.shot('03-users')

    # System > Roles > Create role: label, Web API permissions, Users, Save.
    browser.menu('Roles')
    browser.wait_path('/admin/roles')
    browser.click('#create-role')
    browser.type('#field-label', 'My ERP connector role')
    browser.click_text('label', 'Overall Web API access')
    check(browser.driver.find_element(By.ID, 'permission-pim_api_overall_access').is_selected(),
          'Overall Web API access is not ticked')
    browser.shot('04-role-web-api-permissions')
    browser.click_text('button', 'Users')
    browser.click_text('label', 'myERPuser')
    browser.shot('05-role-users')
    browser.click_text('button', 'Save')
    browser.wait_text('#banner', 'Role My ERP connector role successfully created')
    row = browser.find('tr[data-code="ROLE_MY_ERP_CONNECTOR_ROLE"]')
    check('myERPuser' in row.text, 'the role grid does not show its user: ' + row.text)
    browser.shot('06-roles')

    # System > API connections > Create "ERP connection": the grid shows the credentials.
    browser.menu('API connections')
    browser.wait_path('/admin/api-connections')
    browser.wait_text('#grid-title', '0 API connection(s)')
    browser.click_text('button', 'Create')
    browser.type('#field-label', 'ERP connection')
    browser.shot('07-api-connection-create')
    browser.click('#create-save')
    browser.wait_text('#banner', 'API connection successfully created')
    browser.wait_text('#grid-title', '1 API connection(s)')
    row = browser.find('#api-connections-grid tbody tr')
    check(row.find_element(By.CSS_SELECTOR, '.label').text == 'ERP connection', 'label: ' + row.text)
    client_id = row.find_element(By.CSS_SELECTOR, '.client-id').text
    secret = row.find_element(By.CSS_SELECTOR, '.secret').text
    check(re.match(r'^\d+_[0-9a-z]{50}$', client_id), 'client id: ' + client_id)
    check(re.match(r'^[0-9a-z]{50}$', secret), 'secret: ' + secret)
    browser.shot('08-api-connections')

    # A connector uses the credentials: a token, then an API call.
    access_token = token(project, client_id, secret, 'myERPuser', 'myERPuserPassword')
    status, body = api_call(project, access_token)
    check(status == 200, 'API call with the new token: %d %s' % (status, body))

    # Revoke, with the reference's confirmation: the same token fails at once.
    browser.click_text('button', 'Revoke')
    dialog = browser.find('dialog.confirm')
    check(REVOKE_TEXT in dialog.text, 'revoke dialog: ' + dialog.text)
    check('Revoke Confirmation' in dialog.text, 'revoke dialog title: ' + dialog.text)
    browser.shot('09-api-connection-revoke')
    browser.click_text('button', 'Yes, Revoke')
    browser.wait_text('#banner', 'API connection successfully revoked')
    browser.wait_text('#grid-title', '0 API connection(s)')
    status, body = api_call(project, access_token)
    check(status == 401, 'API call after the revocation: %d %s' % (status, body))
    errors = browser.console_errors()
    check(not errors, 'console errors: %s' % errors)


def connections_page(project, browser):
    """Connections: one step, the credentials shown once with copy buttons, regenerate."""
    project.create_admin()
    project.start()
    browser.login()
    browser.wait_path('/admin/users')
    browser.menu('Connections')
    browser.wait_path('/admin/connections')
    browser.type('#field-code', 'erp_sync')
    browser.type('#field-label', 'ERP sync')
    browser.click('#connection-save')
    browser.wait_text('#banner', 'Connection erp_sync successfully created')
    panel = browser.find('#shown-once')
    password = panel.find_element(By.CSS_SELECTOR, '.password').text
    check(len(password) == 24, 'password: ' + password)
    check(len(panel.find_elements(By.CSS_SELECTOR, 'button.copy')) == 4, 'copy buttons')
    browser.find('tr[data-code="erp_sync"]')
    browser.shot('10-connections')
    browser.click_text('button', 'Regenerate password')
    browser.click_text('button', 'Yes, Regenerate')
    browser.wait_text('#banner', 'Password regenerated')
    new_password = browser.find('#shown-once .password').text
    check(new_password != password and len(new_password) == 24, 'regenerated password')
    browser.driver.refresh()
    browser.find('tr[data-code="erp_sync"]')
    check(new_password not in browser.driver.page_source, 'the password is shown again after a reload')
    # Monitor: the API connections page's monitoring view of this connection's client.
    monitor = browser.find('tr[data-code="erp_sync"] button.monitor')
    browser.driver.execute_script("document.getElementById('connections-grid').scrollIntoView()")
    browser.shot('10-connections-grid')
    check(monitor.get_attribute('aria-label') == 'Monitor ERP sync', 'monitor button label')
    monitor.click()
    browser.wait_text('#monitor-title', 'ERP sync')
    check('/admin/api-connections#monitor=' in browser.driver.current_url, 'url: ' + browser.driver.current_url)
    # It leads back where it came from: the browser's Back, and its own button.
    browser.driver.back()
    browser.wait_path('/admin/connections')
    browser.find('tr[data-code="erp_sync"] button.monitor').click()
    browser.wait_text('#monitor-title', 'ERP sync')
    check(browser.text_of('#monitor-back') == 'Back to Connections', 'back button: ' + browser.text_of('#monitor-back'))
    current = browser.find('#menu a[aria-current="page"]')
    check(current.text == 'Connections', 'menu entry marked current: ' + current.text)
    browser.shot('18-monitor-from-connections')
    browser.click('#monitor-back')
    browser.wait_path('/admin/connections')
    browser.find('tr[data-code="erp_sync"]')


def wrong_password_and_throttling(project, browser):
    project.create_admin()
    project.start()
    browser.login(password='not the password')
    check(browser.login_error() == 'Invalid username or password.', 'wrong password message')
    browser.shot('11-login-wrong-password')
    for _ in range(2):
        browser.login(password='not the password')
        browser.login_error()
    browser.login()
    browser.wait_text('#login-error', 'Too many failed logins. Try again in ')  # 120 s, less the time spent
    check(re.match(r'^Too many failed logins\. Try again in (1[01]\d|120) seconds\.$', browser.login_error()),
          'throttled message: ' + browser.login_error())
    browser.shot('12-login-throttled')
    project.advance_clock(121)
    browser.login()
    browser.wait_path('/admin/users')


def non_admin_refused(project, browser):
    project.host('pim:user:create', 'myERPuser', 'myERPuserPassword', 'myerpuser@example.com', 'My', 'ERPuser',
                 'en_US', '-n')
    project.start()
    browser.login('myERPuser', 'myERPuserPassword')
    message = browser.login_error()
    check(message == 'This account may not use the admin console: only users with the role ROLE_ADMINISTRATOR '
          'can sign in.', 'non-admin message: ' + message)
    browser.open('/admin/users')
    browser.wait_path('/admin/login')


def logout_and_expiry(project, browser):
    project.create_admin()
    project.start()
    browser.login()
    browser.wait_path('/admin/users')
    browser.wait_text('#whoami', ADMIN)
    browser.click('#logout')
    browser.wait_path('/admin/login')
    browser.open('/admin/users')
    browser.wait_path('/admin/login')
    # security.admin_session.idle_timeout is 120 s in this project.
    browser.login()
    browser.wait_path('/admin/users')
    project.advance_clock(121)
    browser.open('/admin/roles')
    browser.wait_path('/admin/login')


class EvilSite(http.server.BaseHTTPRequestHandler):
    """Another origin whose page posts to the console (a forged cross-site request)."""
    target = ''
    timeout = 5  # seconds an idle connection may stay

    def do_GET(self):
        page = ('<!doctype html><form id="forged" method="post" enctype="text/plain" action="%s/admin/hook">'
                '<input type="hidden" name=\'{"hook":"api_connection.create","request":{"label":"Forged"},"x":"\' '
                'value=\'"}\'><button id="go" type="submit">Win a prize</button></form>' % EvilSite.target)
        self.send_response(200)
        self.send_header('Content-Type', 'text/html')
        self.end_headers()
        self.wfile.write(page.encode())

    def log_message(self, *args):
        pass


def forged_cross_site_post(project, browser):
    project.create_admin()
    project.start()
    browser.login()
    browser.wait_path('/admin/users')
    EvilSite.target = project.base_url
    # Threads: Chromium's idle preconnect sockets must not hold the server's loop.
    evil = http.server.ThreadingHTTPServer(('127.0.0.1', 0), EvilSite)
    evil.daemon_threads = True
    threading.Thread(target=evil.serve_forever, daemon=True).start()
    try:
        browser.driver.get('http://127.0.0.1:%d/' % evil.server_address[1])
        browser.click('#go')
        browser.wait(lambda driver: '/admin/hook' in driver.current_url)
        body = browser.driver.find_element(By.TAG_NAME, 'body').text
        check('"status":403' in body or '"status":401' in body, 'forged post answered: ' + body)
    finally:
        evil.shutdown()
    listed = project.host('hook', 'api_connection.list')
    check('Forged' not in listed, 'the forged post created a connection: ' + listed)


def xss_label(project, browser):
    project.create_admin()
    project.start()
    browser.login()
    browser.wait_path('/admin/users')
    browser.menu('API connections')
    browser.wait_path('/admin/api-connections')
    browser.click_text('button', 'Create')
    browser.type('#field-label', XSS)
    browser.click('#create-save')
    browser.wait_text('#banner', 'API connection successfully created')
    label = browser.find('#api-connections-grid tbody tr .label')
    check(label.text == XSS, 'label shown as: ' + label.text)
    check(not browser.driver.find_elements(By.CSS_SELECTOR, '#api-connections-grid img'), 'an <img> was made')
    browser.menu('Roles')
    browser.click('#create-role')
    browser.type('#field-label', XSS)
    browser.click_text('button', 'Save')
    browser.wait_text('#banner', 'successfully created')
    check(browser.find('#roles-grid tbody tr .label').text == XSS or XSS in browser.find('#roles-grid').text,
          'role label not shown as text')
    check(not browser.driver.find_elements(By.CSS_SELECTOR, 'main img'), 'an <img> was made')
    check(browser.no_alert(), 'an alert ran')
    browser.menu('API connections')
    browser.find('#api-connections-grid tbody tr .label')
    check(browser.no_alert(), 'an alert ran')
    browser.shot('13-xss-label-as-text')


def field_error(browser, name):
    return browser.driver.find_element(By.CSS_SELECTOR, '.field-error[data-path="%s"]' % name).text


def validation_messages(project, browser):
    project.create_admin()
    project.start()
    browser.login()
    browser.wait_path('/admin/users')
    # Users: every blank field answered beside it; a bad e-mail; passwords that differ.
    browser.click('#create-user')
    browser.type('#field-email', 'not-an-email')
    browser.type('#field-password', 'short')
    browser.type('#field-password_repeat', 'short')
    browser.click('#user-save')
    browser.wait_text('.field-error[data-path="username"]', 'This value should not be blank.')
    check(field_error(browser, 'email') == 'This value is not a valid email address.', 'email: ' + field_error(browser, 'email'))
    check(field_error(browser, 'first_name') == 'This value should not be blank.', 'first_name')
    check(field_error(browser, 'last_name') == 'This value should not be blank.', 'last_name')
    check(field_error(browser, 'password') == 'This value is too short. It should have 8 characters or more.',
          'password: ' + field_error(browser, 'password'))
    browser.shot('14-validation-messages')
    browser.type('#field-password_repeat', 'different')
    browser.click('#user-save')
    browser.wait_text('.field-error[data-path="password_repeat"]', 'The two passwords do not match.')

    # Roles: a blank label beside the label; a duplicate is a 409 message.
    browser.menu('Roles')
    browser.click('#create-role')
    browser.click_text('button', 'Save')
    browser.wait_text('.field-error[data-path="label"]', 'This value should not be blank.')
    browser.type('#field-label', 'Twice')
    browser.click_text('button', 'Save')
    browser.wait_text('#banner', 'successfully created')
    browser.click('#create-role')
    browser.type('#field-label', 'Twice')
    browser.click_text('button', 'Save')
    browser.wait_text('#banner', 'Conflict: A role with code ROLE_TWICE already exists.')
    check(field_error(browser, 'label') == 'A role with code ROLE_TWICE already exists.', 'label conflict')
    browser.shot('15-conflict-message')

    # API connections: a blank label beside the field.
    browser.menu('API connections')
    browser.click_text('button', 'Create')
    browser.click('#create-save')
    browser.wait_text('.field-error[data-path="label"]', 'This value should not be blank.')
    browser.click('#create-cancel')

    # The database refuses writes (another process holds SQLite's write lock):
    # the hook answers 503 and the page says so.
    locker = sqlite3.connect(os.path.join(project.dir, 'var', 'browser.db'), timeout=10, isolation_level=None)
    locker.execute('BEGIN EXCLUSIVE')
    try:
        browser.click_text('button', 'Create')
        browser.type('#field-label', 'While locked')
        browser.click('#create-save')
        browser.wait_text('#banner', 'The database is unavailable (503)')
        browser.shot('16-database-unavailable')
    finally:
        locker.execute('ROLLBACK')
        locker.close()


def audit_sum(audit, metric):
    return sum(hour.get(metric, 0) for hour in audit.get('hours_7d', []))


def connection_monitoring(project, browser):
    """API connections › Monitor: calls spread over 7 days (the plugin's clock moved forward between
    them), flushed every second; the chart has a bar per hour with calls and the events list the
    wrong-secret token request."""
    project.create_admin()
    created = json.loads(project.host('hook', 'api_connection.create', json.dumps({'label': 'ERP connection'})))
    client_id, secret = created['client_id'], created['secret']
    project.start()
    steps, calls_200, calls_401, previous = 34, 0, 0, None
    for step in range(steps):
        if step:
            project.advance_clock(5 * 3600)  # 33 steps of 5 hours: 165 hours, inside the 168 of the chart
        if previous is not None and step % 3 == 0:  # the token of 5 hours ago has expired: a 401 of this client
            status, body = api_call(project, previous)
            check(status == 401, 'expired token: %d %s' % (status, body))
            calls_401 += 1
        previous = token(project, client_id, secret, ADMIN, ADMIN_PASSWORD)
        for _ in range(1 + (step * 7) % 5 + (step // 6)):
            status, body = api_call(project, previous)
            check(status == 200, 'API call: %d %s' % (status, body))
            calls_200 += 1
    wrong = base64.b64encode(('%s:%s' % (client_id, 'not-the-secret')).encode()).decode()
    status, body = project.request('POST', '/api/oauth/v1/token',
                                   json.dumps({'grant_type': 'password', 'username': ADMIN,
                                               'password': ADMIN_PASSWORD}).encode(),
                                   {'Content-Type': 'application/json', 'Authorization': 'Basic ' + wrong})
    check(status == 422, 'wrong secret: %d %s' % (status, body))  # the reference's answer
    # monitoring.flush_interval_seconds is 1 in this project: wait until every count is stored.
    deadline = time.time() + WAIT
    while True:
        audit = json.loads(project.host('hook', 'api_connection.audit', json.dumps({'client_id': client_id})))
        if audit_sum(audit, 'api.200') == calls_200 and audit_sum(audit, 'api.401') == calls_401:
            break
        check(time.time() < deadline, 'counts not flushed: %s' % audit.get('hours_7d'))
        time.sleep(0.5)
    check(len(audit['hours_7d']) == steps, 'hours with counts: %d' % len(audit['hours_7d']))
    check(audit['hours'] == audit['hours_7d'][-len(audit['hours']):], 'hours and hours_7d disagree')

    browser.driver.set_window_size(1280, 1180)
    browser.login()
    browser.wait_path('/admin/users')
    browser.menu('API connections')
    browser.wait_path('/admin/api-connections')
    monitor = browser.find('tr[data-client-id="%s"] button.monitor' % client_id)
    check(monitor.get_attribute('aria-label') == 'Monitor ERP connection', 'monitor button label')
    monitor.send_keys(Keys.ENTER)  # keyboard: the focused button opens the view
    browser.wait_text('#monitor-title', 'ERP connection')
    check(browser.driver.current_url.endswith('#monitor=' + client_id), 'url: ' + browser.driver.current_url)
    current = browser.find('#menu a[aria-current="page"]')
    check(current.text == 'API connections', 'menu entry marked current: ' + current.text)
    # The client id, in its two-column cell, on one line.
    lines = browser.driver.execute_script(
        "const range = document.createRange();"
        "range.selectNodeContents(document.querySelector('.stat.wide .stat-value'));"
        "return range.getClientRects().length;")
    check(lines == 1, 'client id lines: %s' % lines)
    bars = browser.driver.find_elements(By.CSS_SELECTOR, '#usage-chart g.bar')
    check(len(bars) == steps, 'bars in the chart: %d' % len(bars))
    check(browser.driver.find_elements(By.CSS_SELECTOR, '#usage-chart rect.s401'), 'no 401 segment')
    chart_label = browser.find('#usage-chart').get_attribute('aria-labelledby')
    check(chart_label == 'usage-chart-title usage-chart-desc', 'chart label: %s' % chart_label)
    desc = browser.driver.find_element(By.ID, 'usage-chart-desc').get_attribute('textContent')
    check('API calls 200: %d' % calls_200 in desc, 'chart description: ' + desc)
    events = browser.find('#monitor-events tbody tr')
    check(events.find_element(By.CSS_SELECTOR, '.event').text == 'wrong_client_secret', 'event: ' + events.text)
    check(events.find_element(By.CSS_SELECTOR, '.remote').text.startswith('127.0.0.1:'), 'remote: ' + events.text)
    check(browser.text_of('#monitor-last-used') != 'Never', 'last used')
    browser.shot('17-connection-monitoring')
    # The table alternative of the chart, opened from the keyboard.
    summary = browser.find('#usage-table summary')
    summary.send_keys(Keys.ENTER)
    rows = browser.wait(lambda driver: driver.find_elements(By.CSS_SELECTOR, '#usage-table tbody tr'))
    check(len([row for row in rows if row.is_displayed()]) == steps, 'table rows')
    browser.click('#monitor-back')
    browser.find('#api-connections-grid')
    # A malformed monitoring address (bad percent-encoding, an unknown suffix) shows the list.
    for malformed in ('#monitor=%E0%A4%A', '#monitor=' + client_id + '&from=elsewhere'):
        browser.open('/admin/api-connections' + malformed)
        browser.find('#api-connections-grid')
        check(browser.driver.current_url.endswith('/admin/api-connections'), 'url: ' + browser.driver.current_url)
    errors = browser.console_errors()
    check(not errors, 'console errors: %s' % errors)


TESTS = {test.__name__: test for test in (seed_tutorial, connections_page, wrong_password_and_throttling,
                                          non_admin_refused, logout_and_expiry, forged_cross_site_post, xss_label,
                                          validation_messages, connection_monitoring)}
CONFIG = {
    'wrong_password_and_throttling':
        'oauth:\n  throttling:\n    max_failures: 3\n    window_seconds: 60\n    block_seconds: 120\n',
    'logout_and_expiry': '  admin_session:\n    idle_timeout: 120\n',
    'connection_monitoring': 'monitoring:\n  flush_interval_seconds: 1\n',
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('build')
    parser.add_argument('test', choices=sorted(TESTS))
    parser.add_argument('--screenshots')
    arguments = parser.parse_args()
    build = os.path.abspath(arguments.build)
    screenshots = (arguments.screenshots or os.environ.get('PIM_SCREENSHOT_DIR') or
                   os.path.join(build, 'screenshots'))
    project = Project(build, CONFIG.get(arguments.test, ''))
    if arguments.test == 'validation_messages':  # writes give up after 200 ms of a locked database
        path = os.path.join(project.dir, 'config', 'dev.yaml')
        with open(path) as config:
            text = config.read()
        with open(path, 'w') as config:
            config.write(text.replace('  auto_migrate: true\n', '  auto_migrate: true\n  busy_timeout_ms: 200\n'))
    browser = None
    try:
        browser = Browser(project, screenshots)
        TESTS[arguments.test](project, browser)
    except Exception:
        if browser is not None and project.base_url:
            browser.shot('failed-' + arguments.test)
            sys.stderr.write('page source at failure:\n' + browser.driver.page_source[:4000] + '\n')
        if project.server is not None:
            with open(project.server_err.name) as err:
                sys.stderr.write('server stderr:\n' + err.read()[-4000:] + '\n')
        raise
    finally:
        if browser is not None:
            browser.quit()
        project.stop()
    print('browser test %s passed' % arguments.test)


if __name__ == '__main__':
    main()
