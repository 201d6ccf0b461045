/**
 * Serves the agency inbox web app (web/, built by Vite into dist/web) at /app on the gateway, so a
 * records office needs nothing but the hub's address. Hashed files under /app/assets/ are cached for
 * a year; index.html is revalidated every time so a new build is picked up at once. Any other path
 * under /app without a file extension is a client-side route and gets index.html (SPA fallback).
 */
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';

export const APP_PATH = '/app';
/** dist/web: this module is compiled to dist/src/gateway/. */
export const WEB_DIR = path.resolve(__dirname, '../../web');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The app talks only to its own origin (HTTP and WebSocket); Mantine sets CSS variables in style
 * attributes, hence 'unsafe-inline' for styles only. No framing: the app holds an access token.
 */
const HTML_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

function send(res: http.ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', ...headers });
  res.end(text);
}

/** The file a request path names inside root, or null when the path would leave it. */
function resolveInside(root: string, urlPath: string): string | null {
  const file = path.resolve(root, `.${path.posix.normalize(`/${urlPath}`)}`);
  return file === root || file.startsWith(root + path.sep) ? file : null;
}

function statFile(file: string): fs.Stats | null {
  try {
    const stats = fs.statSync(file);
    return stats.isFile() ? stats : null;
  } catch {
    return null;
  }
}

/**
 * A request handler for the app: answers and returns true for `/`, `/app` and everything under
 * `/app/`; returns false for anything else (the GraphQL endpoint, health checks).
 */
export function webAppHandler(root: string = WEB_DIR): (req: http.IncomingMessage, res: http.ServerResponse) => boolean {
  return (req, res) => {
    const pathname = (req.url ?? '/').split('?')[0];
    if (pathname === '/' && req.method === 'GET') {
      res.writeHead(302, { location: `${APP_PATH}/` });
      res.end();
      return true;
    }
    if (pathname !== APP_PATH && !pathname.startsWith(`${APP_PATH}/`)) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'Method Not Allowed', { allow: 'GET, HEAD' });
      return true;
    }
    let relative: string;
    try {
      relative = decodeURIComponent(pathname.slice(APP_PATH.length));
    } catch {
      send(res, 400, 'Bad Request');
      return true;
    }
    const requested = relative.includes('\0') ? null : resolveInside(root, relative);
    if (!requested) {
      send(res, 404, 'Not Found');
      return true;
    }
    let file = requested;
    let stats = statFile(file);
    if (!stats) {
      // A missing file with an extension is a broken asset link, not a route: a 404 shows the fault.
      if (path.extname(requested)) {
        send(res, 404, 'Not Found');
        return true;
      }
      file = path.join(root, 'index.html');
      stats = statFile(file);
      if (!stats) {
        send(res, 503, 'The web app is not built: run `npm run build`.');
        return true;
      }
    }
    const etag = `W/"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`;
    const isHtml = path.extname(file) === '.html';
    const headers: Record<string, string> = {
      'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'x-content-type-options': 'nosniff',
      etag,
      'cache-control': file.startsWith(path.join(root, 'assets') + path.sep) ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...(isHtml ? HTML_HEADERS : {}),
    };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers);
      res.end();
      return true;
    }
    res.writeHead(200, { ...headers, 'content-length': String(stats.size) });
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(file).on('error', () => res.destroy()).pipe(res);
    return true;
  };
}
