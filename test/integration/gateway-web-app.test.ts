/**
 * The gateway's static handler for the web app: content types, cache headers, SPA fallback, and no
 * way out of the app's directory. Served from a throwaway directory by a plain node:http server that
 * answers 418 for whatever the handler declines, so "not handled" is visible.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { webAppHandler } from '../../src/gateway/static';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw request: the path is sent exactly as written (fetch would normalise "..", which is the point). */
function request(port: number, rawPath: string, method = 'GET', headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the web app at /app', () => {
  let dir: string;
  let root: string;
  let server: http.Server;
  let port: number;
  const INDEX = '<!doctype html><title>Liên Thông</title>';
  const SCRIPT = 'console.log("app")';
  const SECRET = 'the data directory next to the app';

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-web-'));
    root = path.join(dir, 'web');
    fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(root, 'index.html'), INDEX);
    fs.writeFileSync(path.join(root, 'assets', 'index-Bx12.js'), SCRIPT);
    fs.writeFileSync(path.join(root, 'assets', 'index-Cd34.css'), 'body{}');
    fs.writeFileSync(path.join(root, 'favicon.svg'), '<svg/>');
    fs.writeFileSync(path.join(dir, 'secret.txt'), SECRET);
    const handle = webAppHandler(root);
    server = http.createServer((req, res) => {
      if (handle(req, res)) return;
      res.writeHead(418).end('not handled');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html for /app, /app/ and every client-side route, revalidated each time, with a CSP', async () => {
    for (const route of ['/app', '/app/', '/app/inbox', '/app/documents/42?tab=history', '/app/gửi']) {
      const reply = await request(port, encodeURI(route));
      assert.equal(reply.status, 200, route);
      assert.equal(reply.body, INDEX, route);
      assert.equal(reply.headers['content-type'], 'text/html; charset=utf-8');
      assert.equal(reply.headers['cache-control'], 'no-cache');
      assert.match(String(reply.headers['content-security-policy']), /default-src 'self'.*frame-ancestors 'none'/);
      assert.equal(reply.headers['x-content-type-options'], 'nosniff');
    }
  });

  it('serves hashed assets with their content type, cached for a year; other files revalidated', async () => {
    const js = await request(port, '/app/assets/index-Bx12.js');
    assert.equal(js.status, 200);
    assert.equal(js.body, SCRIPT);
    assert.equal(js.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal(js.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(js.headers['content-length'], String(SCRIPT.length));
    assert.equal((await request(port, '/app/assets/index-Cd34.css')).headers['content-type'], 'text/css; charset=utf-8');
    const svg = await request(port, '/app/favicon.svg');
    assert.equal(svg.headers['content-type'], 'image/svg+xml');
    assert.equal(svg.headers['cache-control'], 'no-cache');
  });

  it('answers 304 to a matching If-None-Match, and HEAD without a body', async () => {
    const first = await request(port, '/app/assets/index-Bx12.js');
    const again = await request(port, '/app/assets/index-Bx12.js', 'GET', { 'if-none-match': String(first.headers.etag) });
    assert.equal(again.status, 304);
    assert.equal(again.body, '');
    const head = await request(port, '/app/', 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
    assert.equal(head.headers['content-length'], String(Buffer.byteLength(INDEX)));
  });

  it('gives 404 for a missing asset instead of the app, so a broken link shows', async () => {
    assert.equal((await request(port, '/app/assets/missing-Zz99.js')).status, 404);
    assert.equal((await request(port, '/app/robots.txt')).status, 404);
  });

  it('never serves a file outside the app directory, however the path is written', async () => {
    const attempts = [
      '/app/../secret.txt',
      '/app/%2e%2e/secret.txt',
      '/app/..%2fsecret.txt',
      '/app/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/app/assets/..%2f..%2fsecret.txt',
      '/app/..%5csecret.txt',
      `/app/${'..%2f'.repeat(12)}etc/passwd`,
      '/app/index.html%00.js',
    ];
    for (const attempt of attempts) {
      const reply = await request(port, attempt);
      assert.notEqual(reply.body, SECRET, attempt);
      assert.doesNotMatch(reply.body, /root:/, attempt);
      assert.ok([400, 404, 418].includes(reply.status) || reply.body === INDEX, `${attempt}: ${reply.status}`);
    }
    assert.equal((await request(port, '/app/%E0%A4%A')).status, 400, 'a malformed escape');
  });

  it('redirects / to the app, refuses other methods, and leaves every other path to the gateway', async () => {
    const home = await request(port, '/');
    assert.equal(home.status, 302);
    assert.equal(home.headers.location, '/app/');
    const post = await request(port, '/app/', 'POST');
    assert.equal(post.status, 405);
    assert.equal(post.headers.allow, 'GET, HEAD');
    for (const other of ['/graphql', '/healthz', '/readyz', '/application', '/apps/x']) {
      assert.equal((await request(port, other)).status, 418, other);
    }
  });

  it('says how to build the app when it has not been built', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-web-empty-'));
    const bare = http.createServer((req, res) => void webAppHandler(empty)(req, res));
    try {
      await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
      const reply = await request((bare.address() as AddressInfo).port, '/app/inbox');
      assert.equal(reply.status, 503);
      assert.match(reply.body, /npm run build/);
    } finally {
      await new Promise((resolve) => bare.close(resolve));
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
