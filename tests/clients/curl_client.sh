#!/usr/bin/env bash
# A connector written with curl and jq, as in the reference's documentation:
# password grant, API call, refresh, API call, the access token revoked (RFC 7009)
# then 401 and a working refresh, then (client revoked by another
# process) 401 on the API and 422 on refresh. Every step is asserted.
# Environment: BASE_URL CLIENT_ID CLIENT_SECRET API_USERNAME API_PASSWORD REVOKE_COMMAND
set -euo pipefail

token_url=$BASE_URL/api/oauth/v1/token
api_url=$BASE_URL/api/rest/v1/currencies
body=$(mktemp)
trap 'rm -f "$body"' EXIT

fail() { echo "curl client: FAIL: $*" >&2; exit 1; }
step() { echo "curl client: $*"; }

# http <curl args...>: the status code on stdout, the body in $body.
http() { curl -sS --max-time 30 -o "$body" -w '%{http_code}' "$@"; }

expect_status() {  # expect_status <expected> <actual> <what>
  [ "$2" = "$1" ] || fail "$3: expected HTTP $1, got $2: $(cat "$body")"
}

get_currencies() {  # get_currencies <access token>: status in $status
  status=$(http -H "Authorization: Bearer $1" "$api_url")
}

check_currencies() {
  expect_status 200 "$status" "$1"
  jq -e '._embedded.items | type == "array" and length > 0' "$body" >/dev/null ||
    fail "$1: no _embedded.items in $(cat "$body")"
}

refresh() {  # refresh <refresh token>: status in $status
  status=$(http -X POST "$token_url" -u "$CLIENT_ID:$CLIENT_SECRET" \
    -H 'Content-Type: application/json' \
    -d "$(jq -cn --arg t "$1" '{grant_type: "refresh_token", refresh_token: $t}')")
}

step "password grant"
status=$(http -X POST "$token_url" -u "$CLIENT_ID:$CLIENT_SECRET" \
  -H 'Content-Type: application/x-www-form-urlencoded' \
  --data-urlencode grant_type=password \
  --data-urlencode "username=$API_USERNAME" \
  --data-urlencode "password=$API_PASSWORD")
expect_status 200 "$status" "password grant"
access=$(jq -r '.access_token // empty' "$body")
refresh_token=$(jq -r '.refresh_token // empty' "$body")
if [ -z "$access" ] || [ -z "$refresh_token" ]; then fail "password grant: tokens missing in $(cat "$body")"; fi
[ "$(jq -r .token_type "$body")" = bearer ] || fail "password grant: token_type is not bearer"

step "GET /api/rest/v1/currencies"
get_currencies "$access"
check_currencies "first API call"

step "refresh"
refresh "$refresh_token"
expect_status 200 "$status" "refresh"
new_access=$(jq -r '.access_token // empty' "$body")
new_refresh=$(jq -r '.refresh_token // empty' "$body")
if [ -z "$new_access" ] || [ -z "$new_refresh" ]; then fail "refresh: tokens missing in $(cat "$body")"; fi
[ "$new_access" != "$access" ] || fail "refresh: the access token did not change"
[ "$new_refresh" != "$refresh_token" ] || fail "refresh: the refresh token did not change"

step "GET /api/rest/v1/currencies with the new token"
get_currencies "$new_access"
check_currencies "API call after refresh"

step "revoking the access token (RFC 7009)"
status=$(http -X POST "$BASE_URL/api/oauth/v1/revoke" -u "$CLIENT_ID:$CLIENT_SECRET" \
  --data-urlencode "token=$new_access" --data-urlencode token_type_hint=access_token)
expect_status 200 "$status" "revocation"
get_currencies "$new_access"
expect_status 401 "$status" "API call with the revoked access token"

step "refresh after revoking the access token: the refresh token still works"
refresh "$new_refresh"
expect_status 200 "$status" "refresh after token revocation"
new_access=$(jq -r '.access_token // empty' "$body")
new_refresh=$(jq -r '.refresh_token // empty' "$body")
get_currencies "$new_access"
check_currencies "API call after token revocation and refresh"

step "revoking the client from another process"
sh -c "$REVOKE_COMMAND" >/dev/null || fail "revoke command failed: $REVOKE_COMMAND"

step "API call after revocation"
get_currencies "$new_access"
expect_status 401 "$status" "API call after revocation"
expected='{"code":401,"message":"The access token provided is invalid."}'
jq -e --argjson e "$expected" '. == $e' "$body" >/dev/null ||
  fail "API call after revocation: expected $expected, got $(cat "$body")"

step "refresh after revocation"
refresh "$new_refresh"
expect_status 422 "$status" "refresh after revocation"
expected='{"code":422,"message":"Parameter \"client_id\" is missing or does not match any client, or secret is invalid"}'
jq -e --argjson e "$expected" '. == $e' "$body" >/dev/null ||
  fail "refresh after revocation: expected $expected, got $(cat "$body")"

step "OK"
