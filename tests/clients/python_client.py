#!/usr/bin/python3
"""A connector written with requests-oauthlib (Debian's python3-requests-oauthlib):
password grant, API call, refresh, API call, the access token revoked (RFC 7009,
oauthlib's revocation request) then 401 and a working refresh, then (client revoked by another
process) 401 on the API and 422 on refresh. Every step is asserted.

Environment: BASE_URL CLIENT_ID CLIENT_SECRET API_USERNAME API_PASSWORD REVOKE_COMMAND
"""
import os
import subprocess
import sys

# The test server speaks plain HTTP on 127.0.0.1; oauthlib refuses http:// otherwise.
os.environ.setdefault("OAUTHLIB_INSECURE_TRANSPORT", "1")

import oauthlib  # noqa: E402
import requests  # noqa: E402
import requests_oauthlib  # noqa: E402
from oauthlib.oauth2 import LegacyApplicationClient  # noqa: E402
from requests.auth import HTTPBasicAuth  # noqa: E402
from requests_oauthlib import OAuth2Session  # noqa: E402

BASE_URL = os.environ["BASE_URL"]
CLIENT_ID = os.environ["CLIENT_ID"]
CLIENT_SECRET = os.environ["CLIENT_SECRET"]
TOKEN_URL = BASE_URL + "/api/oauth/v1/token"
API_URL = BASE_URL + "/api/rest/v1/currencies"
TIMEOUT = 30


def step(text):
    print("python client: " + text, flush=True)


def fail(text):
    print("python client: FAIL: " + text, file=sys.stderr, flush=True)
    sys.exit(1)


def expect_json(response, status, what, body=None):
    if response.status_code != status:
        fail(f"{what}: expected HTTP {status}, got {response.status_code}: {response.text}")
    try:
        document = response.json()
    except ValueError:
        fail(f"{what}: the body is not JSON: {response.text!r}")
    if body is not None and document != body:
        fail(f"{what}: expected {body}, got {response.text}")
    return document


def last_answer():
    if not token_responses:
        return "no answer"
    return f"answer HTTP {token_responses[-1].status_code}: {token_responses[-1].text}"


def check_currencies(response, what):
    items = expect_json(response, 200, what).get("_embedded", {}).get("items")
    if not isinstance(items, list) or not items:
        fail(f"{what}: no _embedded.items in {response.text}")


step(f"requests-oauthlib {requests_oauthlib.__version__}, oauthlib {oauthlib.__version__}")
session = OAuth2Session(client=LegacyApplicationClient(client_id=CLIENT_ID))
token_responses = []  # the raw token-endpoint answers, to see statuses the library hides
session.register_compliance_hook("access_token_response", lambda r: token_responses.append(r) or r)
session.register_compliance_hook("refresh_token_response", lambda r: token_responses.append(r) or r)

step("password grant")
try:
    token = session.fetch_token(
        token_url=TOKEN_URL,
        username=os.environ["API_USERNAME"],
        password=os.environ["API_PASSWORD"],
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        timeout=TIMEOUT,
    )
except Exception as error:  # noqa: BLE001
    fail(f"password grant: {error!r}; {last_answer()}")
expect_json(token_responses[-1], 200, "password grant")
if not token.get("access_token") or not token.get("refresh_token"):
    fail(f"password grant: tokens missing in {token}")

step("GET /api/rest/v1/currencies")
check_currencies(session.get(API_URL, timeout=TIMEOUT), "first API call")

step("refresh")
old = dict(token)
try:
    token = session.refresh_token(
        TOKEN_URL,
        refresh_token=old["refresh_token"],
        auth=HTTPBasicAuth(CLIENT_ID, CLIENT_SECRET),
        timeout=TIMEOUT,
    )
except Exception as error:  # noqa: BLE001
    fail(f"refresh: {error!r}; {last_answer()}")
fresh = expect_json(token_responses[-1], 200, "refresh")
if not fresh.get("access_token") or not fresh.get("refresh_token"):
    fail(f"refresh: tokens missing in {token_responses[-1].text}")
if token["access_token"] == old["access_token"]:
    fail("refresh: the access token did not change")
if token["refresh_token"] == old["refresh_token"]:
    fail("refresh: the refresh token did not change")

step("GET /api/rest/v1/currencies with the new token")
check_currencies(session.get(API_URL, timeout=TIMEOUT), "API call after refresh")

step("revoking the access token (RFC 7009) with oauthlib's revocation request")
url, headers, body = session._client.prepare_token_revocation_request(
    BASE_URL + "/api/oauth/v1/revoke", token["access_token"], token_type_hint="access_token")
revoked = requests.post(url, headers=headers, data=body, auth=HTTPBasicAuth(CLIENT_ID, CLIENT_SECRET),
                        timeout=TIMEOUT)
if revoked.status_code != 200:
    fail(f"revocation: expected HTTP 200, got {revoked.status_code}: {revoked.text}")
expect_json(
    session.get(API_URL, timeout=TIMEOUT), 401, "API call with the revoked access token",
    {"code": 401, "message": "The access token provided is invalid."},
)

step("refresh after revoking the access token: the refresh token still works")
try:
    token = session.refresh_token(
        TOKEN_URL,
        refresh_token=token["refresh_token"],
        auth=HTTPBasicAuth(CLIENT_ID, CLIENT_SECRET),
        timeout=TIMEOUT,
    )
except Exception as error:  # noqa: BLE001
    fail(f"refresh after token revocation: {error!r}; {last_answer()}")
expect_json(token_responses[-1], 200, "refresh after token revocation")
check_currencies(session.get(API_URL, timeout=TIMEOUT), "API call after token revocation and refresh")

step("revoking the client from another process")
revoke = subprocess.run(["sh", "-c", os.environ["REVOKE_COMMAND"]], capture_output=True, text=True)
if revoke.returncode != 0:
    fail(f"revoke command exited with {revoke.returncode}: {revoke.stdout}{revoke.stderr}")

step("API call after revocation")
expect_json(
    session.get(API_URL, timeout=TIMEOUT), 401, "API call after revocation",
    {"code": 401, "message": "The access token provided is invalid."},
)

step("refresh after revocation")
answered = len(token_responses)
try:
    session.refresh_token(
        TOKEN_URL,
        refresh_token=token["refresh_token"],
        auth=HTTPBasicAuth(CLIENT_ID, CLIENT_SECRET),
        timeout=TIMEOUT,
    )
    fail("refresh after revocation: the library accepted the answer")
except Exception as error:  # noqa: BLE001
    step(f"refresh refused, the library raised {type(error).__name__}")
if len(token_responses) == answered:
    fail("refresh after revocation: no answer from the token endpoint")
expect_json(
    token_responses[-1], 422, "refresh after revocation",
    {"code": 422, "message": 'Parameter "client_id" is missing or does not match any client, or secret is invalid'},
)

step("OK")
