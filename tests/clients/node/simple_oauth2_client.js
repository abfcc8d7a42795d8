'use strict';
// A connector written with simple-oauth2 (ResourceOwnerPassword) and Node's fetch:
// password grant, API call, refresh, API call, then (client revoked by another
// process) 401 on the API and 422 on refresh. Every step is asserted.
// Environment: BASE_URL CLIENT_ID CLIENT_SECRET API_USERNAME API_PASSWORD REVOKE_COMMAND
const { execFileSync } = require('node:child_process');
const { isDeepStrictEqual } = require('node:util');
const { ResourceOwnerPassword } = require('simple-oauth2');

const env = process.env;
const apiUrl = `${env.BASE_URL}/api/rest/v1/currencies`;
const timeoutMs = 30000;

const step = (text) => console.log(`node client: ${text}`);
class Failure extends Error {}
const fail = (text) => { throw new Failure(text); };

async function get(accessToken) {
  const response = await fetch(apiUrl, {
    headers: { Authorization: `Bearer ${accessToken}` },
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  let body;
  try { body = JSON.parse(text); } catch { fail(`${apiUrl}: the body is not JSON: ${text}`); }
  return { status: response.status, body, text };
}

async function checkCurrencies(accessToken, what) {
  const { status, body, text } = await get(accessToken);
  if (status !== 200) fail(`${what}: expected HTTP 200, got ${status}: ${text}`);
  const items = body._embedded && body._embedded.items;
  if (!Array.isArray(items) || items.length === 0) fail(`${what}: no _embedded.items in ${text}`);
}

function checkTokens(token, what) {
  if (!token.access_token || !token.refresh_token) fail(`${what}: tokens missing in ${JSON.stringify(token)}`);
}

// simple-oauth2 throws a Boom error for HTTP errors; its answer is in error.data.
function describe(error) {
  if (!error.isBoom) return String(error);
  return `HTTP ${error.output.statusCode}: ${JSON.stringify(error.data && error.data.payload)}`;
}

async function main() {
  step(`simple-oauth2 ${require('simple-oauth2/package.json').version}, node ${process.version}`);
  const client = new ResourceOwnerPassword({
    client: { id: env.CLIENT_ID, secret: env.CLIENT_SECRET },
    auth: { tokenHost: env.BASE_URL, tokenPath: '/api/oauth/v1/token' },
    http: { timeout: timeoutMs },
  });

  step('password grant');
  let accessToken;
  try {
    accessToken = await client.getToken({ username: env.API_USERNAME, password: env.API_PASSWORD });
  } catch (error) {
    fail(`password grant: ${describe(error)}`);
  }
  checkTokens(accessToken.token, 'password grant');

  step('GET /api/rest/v1/currencies');
  await checkCurrencies(accessToken.token.access_token, 'first API call');

  step('refresh');
  const old = accessToken.token;
  try {
    accessToken = await accessToken.refresh();
  } catch (error) {
    fail(`refresh: ${describe(error)}`);
  }
  checkTokens(accessToken.token, 'refresh');
  if (accessToken.token.access_token === old.access_token) fail('refresh: the access token did not change');
  if (accessToken.token.refresh_token === old.refresh_token) fail('refresh: the refresh token did not change');

  step('GET /api/rest/v1/currencies with the new token');
  await checkCurrencies(accessToken.token.access_token, 'API call after refresh');

  step('revoking the client from another process');
  try {
    execFileSync('sh', ['-c', env.REVOKE_COMMAND], { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    fail(`revoke command exited with ${error.status}: ${error.stdout}${error.stderr}`);
  }

  step('API call after revocation');
  const after = await get(accessToken.token.access_token);
  const invalid = { code: 401, message: 'The access token provided is invalid.' };
  if (after.status !== 401 || !isDeepStrictEqual(after.body, invalid)) {
    fail(`API call after revocation: expected HTTP 401 ${JSON.stringify(invalid)}, got ${after.status} ${after.text}`);
  }

  step('refresh after revocation');
  const refused = {
    code: 422,
    message: 'Parameter "client_id" is missing or does not match any client, or secret is invalid',
  };
  let error;
  try {
    await accessToken.refresh();
  } catch (caught) {
    error = caught;
  }
  if (!error) fail('refresh after revocation: the library accepted the answer');
  if (!error.isBoom || error.output.statusCode !== 422 || !isDeepStrictEqual(error.data.payload, refused)) {
    fail(`refresh after revocation: expected HTTP 422 ${JSON.stringify(refused)}, got ${describe(error)}`);
  }

  step('OK');
}

main().catch((error) => {
  console.error(`node client: FAIL: ${error instanceof Failure ? error.message : error.stack}`);
  process.exitCode = 1;
});
