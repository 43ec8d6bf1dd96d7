// Shared helpers of the Dispatch k6 scripts: environment parameters and the bench message format.

export function envString(name, fallback) {
  const value = __ENV[name];
  return value === undefined || value === '' ? fallback : value;
}

export function envInt(name, fallback) {
  const value = parseInt(__ENV[name], 10);
  return Number.isFinite(value) ? value : fallback;
}

export function envFloat(name, fallback) {
  const value = parseFloat(__ENV[name]);
  return Number.isFinite(value) ? value : fallback;
}

/** Websocket URL of Dispatch (or of any server speaking the bench protocol), e.g. ws://127.0.0.1:8080/ws. */
export const DISPATCH_URL = envString('DISPATCH_URL', 'ws://127.0.0.1:8080/ws');

/** Appends a query string to the websocket URL. */
export function withQuery(url, query) {
  return url + (url.includes('?') ? '&' : '?') + query;
}

/** A printable message of exactly `size` bytes starting with `prefix`. */
export function padded(prefix, size) {
  return prefix.length >= size ? prefix.substring(0, size) : prefix + '.'.repeat(size - prefix.length);
}
