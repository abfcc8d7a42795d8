#!/usr/bin/python3
"""GET /metrics of a real `pim-host serve` checked by the real Prometheus tools.

    tests/metrics/check_metrics.py promtool <build-dir>
        a mixed load (grants granted and refused, API calls granted, refused
        and forbidden, unknown paths, a revocation), then one scrape checked
        with `promtool check metrics`, and no username, client id, secret or
        token in it; docs/prometheus/alerts.yml with `promtool check rules`, and
        with `promtool test rules` (tests/metrics/alerts_test.yml: they fire).
    tests/metrics/check_metrics.py prometheus <build-dir>
        a Prometheus server (Debian's `prometheus`, started here on a free
        port with a temporary configuration and storage, no systemd) scrapes
        the host every second with the sample alert rules loaded; its query
        API must report the target up and the plugin's series.

A throw-away project (SQLite), the server on a free port; everything is
stopped and removed at the end. Exit code 0 on success.
"""
import base64
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

SECRET_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"  # tests/support/sandbox.hpp
USERNAME, PASSWORD = "myERPuser", "myERPuserPassword"
SOURCE_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ALERTS = os.path.join(SOURCE_DIR, "docs", "prometheus", "alerts.yml")
DEADLINE_SECONDS = 60


def say(message):
    print(f"check_metrics: {message}", file=sys.stderr, flush=True)


def fail(message):
    say("FAILED: " + message)
    sys.exit(1)


class Project:
    """config/dev.yaml on SQLite, pim-host commands, and `serve` on a free port."""

    def __init__(self, build):
        self.build = build
        self.dir = tempfile.mkdtemp(prefix="pim-metrics-")
        os.makedirs(os.path.join(self.dir, "config"))
        os.makedirs(os.path.join(self.dir, "var"))
        with open(os.path.join(self.dir, "config", "dev.yaml"), "w") as config:
            config.write(
                "database:\n  url: sqlite3://var/metrics.db\n  auto_migrate: true\n"
                f"security:\n  secret_key: {SECRET_KEY}\n"
                "  password:\n    argon2id:\n      opslimit: 2\n      memlimit_kib: 19456\n"
                "oauth:\n  throttling:\n    max_failures: 2\n")
        self.env = {k: v for k, v in os.environ.items()
                    if k not in ("PIM_ENV", "PIM_DATABASE_URL", "PIM_SECRET_KEY")}
        self.env.update(PIM_CONFIG_DIR=os.path.join(self.dir, "config"),
                        PIM_PLUGINS_DIR=os.path.join(build, "plugins"))
        self.server = None
        self.port = None

    def host(self, *args):
        result = subprocess.run([os.path.join(self.build, "bin", "pim-host"), *args], env=self.env,
                                cwd=self.dir, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                                timeout=60)
        if result.returncode != 0:
            fail(f"pim-host {' '.join(args)}: {result.stderr}{result.stdout}")
        return result.stdout

    def serve(self):
        self.out = open(os.path.join(self.dir, "serve.out"), "w+")
        self.server = subprocess.Popen([os.path.join(self.build, "bin", "pim-host"), "serve",
                                        "--listen=127.0.0.1:0"], env=self.env, cwd=self.dir,
                                       stdin=subprocess.DEVNULL, stdout=self.out, stderr=subprocess.STDOUT)
        for _ in range(200):
            with open(self.out.name) as out:
                match = re.search(r"Listening on http://127\.0\.0\.1:(\d+)", out.read())
            if match:
                self.port = int(match.group(1))
                return
            if self.server.poll() is not None:
                break
            time.sleep(0.05)
        with open(self.out.name) as out:
            fail("pim-host serve did not start: " + out.read())

    def close(self):
        if self.server is not None and self.server.poll() is None:
            self.server.terminate()
            try:
                self.server.wait(10)
            except subprocess.TimeoutExpired:
                self.server.kill()
                self.server.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


def request(port, method, target, headers=None, body=None):
    """(status, body) of one HTTP request to 127.0.0.1:port."""
    data = body.encode() if isinstance(body, str) else body
    req = urllib.request.Request(f"http://127.0.0.1:{port}{target}", data=data, method=method,
                                 headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as reply:
            return reply.status, reply.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def setup(project):
    """The seed's API user, role and client; returns (client_id, secret)."""
    project.host("pim:user:create", USERNAME, PASSWORD, "myerpuser@example.com", "My", "ERPuser", "en_US", "-n")
    project.host("pim:role:create", "My ERP connector role")
    project.host("pim:role:grant", "ROLE_MY_ERP_CONNECTOR_ROLE", "pim_api_overall_access", "pim_api_currency_list")
    project.host("pim:user:add-role", USERNAME, "ROLE_MY_ERP_CONNECTOR_ROLE")
    client = json.loads(project.host("pim:oauth-server:create-client", "ERP", "--format=json"))
    return client["client_id"], client["secret"]


def mixed_load(port, client_id, secret):
    """Every kind of answer the series count; returns the secrets used."""
    basic = "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    json_type = {"Content-Type": "application/json"}

    def token(body, headers=None):
        return request(port, "POST", "/api/oauth/v1/token", {**json_type, **(headers or {})}, json.dumps(body))

    status, body = token({"grant_type": "password", "username": USERNAME, "password": PASSWORD},
                         {"Authorization": basic})
    if status != 200:
        fail(f"password grant: {status} {body}")
    tokens = json.loads(body)
    access, refresh = tokens["access_token"], tokens["refresh_token"]
    token({"grant_type": "password", "username": USERNAME, "password": "wrong"}, {"Authorization": basic})
    status, body = token({"grant_type": "refresh_token", "refresh_token": refresh}, {"Authorization": basic})
    if status != 200:
        fail(f"refresh grant: {status} {body}")
    access = json.loads(body)["access_token"]
    token({"grant_type": "client_credentials"}, {"Authorization": basic})
    token({"grant_type": USERNAME})
    request(port, "POST", "/api/oauth/v1/token", {"Content-Type": "text/plain"}, "x")
    for _ in range(3):  # the third is throttled (max_failures: 2); another client id than ours
        token({"grant_type": "password", "username": "u", "password": "p", "client_id": "1_guessed",
               "client_secret": "wrong"})
    bearer = {"Authorization": "Bearer " + access}
    for _ in range(5):
        request(port, "GET", "/api/rest/v1/currencies", bearer)
    request(port, "GET", "/api/rest/v1/channels", bearer)  # 403: no pim_api_channel_list
    request(port, "GET", f"/api/rest/v1/{USERNAME}/{access}", {"Authorization": "Bearer " + refresh})
    request(port, "GET", f"/{client_id}/{secret}")
    request(port, "GET", "/healthz")
    request(port, "GET", "/readyz")
    status, body = request(port, "POST", "/api/oauth/v1/revoke",
                           {"Content-Type": "application/x-www-form-urlencoded", "Authorization": basic},
                           urllib.parse.urlencode({"token": access}))
    if status != 200:
        fail(f"revocation: {status} {body}")
    request(port, "GET", "/api/rest/v1/currencies", bearer)  # revoked: 401
    return [USERNAME, USERNAME.lower(), PASSWORD, client_id, secret, access, refresh]


def scrape(port):
    status, text = request(port, "GET", "/metrics")
    if status != 200:
        fail(f"GET /metrics answered {status}: {text}")
    return text


def check_promtool(build):
    project = Project(build)
    try:
        client_id, secret = setup(project)
        project.serve()
        secrets = mixed_load(project.port, client_id, secret)
        text = scrape(project.port)
        result = subprocess.run(["promtool", "check", "metrics"], input=text, capture_output=True, text=True,
                                timeout=30)
        if result.returncode != 0 or result.stdout.strip() or result.stderr.strip():
            fail(f"promtool check metrics (exit {result.returncode}):\n{result.stdout}{result.stderr}")
        say(f"promtool check metrics: clean ({len(text.splitlines())} lines)")
        for needle in secrets:
            if needle in text:
                fail(f"/metrics holds a username, client id, secret or token: {needle[:12]}…")
        for series in ('pim_oauth_token_requests_total{grant_type="password",outcome="ok"} 1',
                       'pim_oauth_token_requests_total{grant_type="password",outcome="throttled"} 1',
                       'pim_oauth_bearer_checks_total{outcome="200"} 5',
                       'pim_oauth_bearer_checks_total{outcome="401"} 2',
                       'pim_oauth_bearer_checks_total{outcome="403"} 1',
                       'pim_host_http_requests_total{route="/api/oauth/v1/revoke",status="200"} 1',
                       'pim_oauth_throttled_requests_total{endpoint="token"} 1'):
            if series + "\n" not in text:
                fail(f"missing from /metrics: {series}\n{text}")
        result = subprocess.run(["promtool", "check", "rules", ALERTS], capture_output=True, text=True,
                                timeout=30)
        if result.returncode != 0:
            fail(f"promtool check rules {ALERTS}:\n{result.stdout}{result.stderr}")
        say(result.stdout.strip().replace("\n", " "))
        rules_test = os.path.join(SOURCE_DIR, "tests", "metrics", "alerts_test.yml")
        result = subprocess.run(["promtool", "test", "rules", rules_test], capture_output=True, text=True,
                                timeout=30)
        if result.returncode != 0:
            fail(f"promtool test rules {rules_test}:\n{result.stdout}{result.stderr}")
        say("promtool test rules: the sample alerts fire as expected")
    finally:
        project.close()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def query(prometheus_port, promql):
    status, body = request(prometheus_port, "GET", "/api/v1/query?" + urllib.parse.urlencode({"query": promql}))
    if status != 200:
        return []
    return json.loads(body)["data"]["result"]


def check_prometheus(build):
    project = Project(build)
    prometheus = None
    work = tempfile.mkdtemp(prefix="pim-prometheus-")
    try:
        client_id, secret = setup(project)
        project.serve()
        mixed_load(project.port, client_id, secret)
        port = free_port()
        config = os.path.join(work, "prometheus.yml")
        with open(config, "w") as out:
            out.write("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
                      f"rule_files:\n  - {ALERTS}\n"
                      "scrape_configs:\n  - job_name: pim\n    static_configs:\n"
                      f"      - targets: ['127.0.0.1:{project.port}']\n")
        log = open(os.path.join(work, "prometheus.log"), "w+")
        prometheus = subprocess.Popen(["prometheus", f"--config.file={config}",
                                       f"--storage.tsdb.path={os.path.join(work, 'data')}",
                                       f"--web.listen-address=127.0.0.1:{port}"],
                                      stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + DEADLINE_SECONDS
        up = granted = rules = None
        while time.monotonic() < deadline:
            if prometheus.poll() is not None:
                break
            try:
                up = query(port, 'up{job="pim"}')
                granted = query(port, 'pim_oauth_token_requests_total{grant_type="password",outcome="ok"}')
                status, body = request(port, "GET", "/api/v1/rules")
                rules = json.loads(body)["data"]["groups"] if status == 200 else None
            except (urllib.error.URLError, ConnectionError, json.JSONDecodeError):
                pass  # not listening yet
            if up and up[0]["value"][1] == "1" and granted and granted[0]["value"][1] == "1" and rules:
                break
            time.sleep(0.5)
        log.seek(0)
        if not (up and up[0]["value"][1] == "1"):
            fail(f"Prometheus never scraped the host (up = {up}):\n{log.read()[-4000:]}")
        if not (granted and granted[0]["value"][1] == "1"):
            fail(f"Prometheus has no pim_oauth_token_requests_total for the password grant: {granted}")
        names = [rule["name"] for group in rules or [] for rule in group["rules"]]
        unhealthy = [rule["name"] for group in rules or [] for rule in group["rules"]
                     if rule.get("health") not in ("ok", "unknown")]
        if "PimOAuthBearerCheckErrors" not in names or unhealthy:
            fail(f"alert rules not loaded or failing: loaded {names}, unhealthy {unhealthy}")
        say(f"Prometheus scraped {project.port}: up=1, {len(names)} alert rules loaded")
    finally:
        if prometheus is not None and prometheus.poll() is None:
            prometheus.terminate()
            try:
                prometheus.wait(15)
            except subprocess.TimeoutExpired:
                prometheus.kill()
                prometheus.wait()
        project.close()
        shutil.rmtree(work, ignore_errors=True)


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("promtool", "prometheus"):
        print(__doc__, file=sys.stderr)
        return 2
    build = os.path.abspath(sys.argv[2])
    tool = "promtool" if sys.argv[1] == "promtool" else "prometheus"
    if shutil.which(tool) is None:
        fail(f"{tool} is not installed: run scripts/install-deps (Debian package prometheus)")
    if sys.argv[1] == "promtool":
        check_promtool(build)
    else:
        check_prometheus(build)
    return 0


if __name__ == "__main__":
    sys.exit(main())
