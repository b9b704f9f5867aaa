import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

const NOT_BUILT_PAGE = `<!doctype html><meta charset="utf-8"><title>Confidant</title>
<h1>The user interface has not been built</h1>
<p>Run <code>npm run build:renderer</code> and reload this page. The API is running.</p>`;

export function contentTypeFor(file: string): string {
  return MIME[extname(file)] ?? 'application/octet-stream';
}

/**
 * Resolves a URL path inside `root`, or null when it would escape it. Paths without an extension fall
 * back to index.html so the single-page app owns its own routes.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const base = resolve(root);
  const target = resolve(join(base, decoded));
  if (target !== base && !target.startsWith(base + sep)) return null;
  if (existsSync(target) && statSync(target).isFile()) return target;
  if (extname(decoded) === '') return join(base, 'index.html');
  return null;
}

export function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  root: string | null,
  pathname: string,
  headers: Readonly<Record<string, string>>,
): void {
  if (!root || !existsSync(join(root, 'index.html'))) {
    res.writeHead(503, {
      ...headers,
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    res.end(NOT_BUILT_PAGE);
    return;
  }
  const file = resolveStaticPath(root, pathname === '/' ? '/index.html' : pathname);
  if (!file || !existsSync(file)) {
    res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Not found');
    return;
  }
  res.writeHead(200, {
    ...headers,
    'Content-Type': contentTypeFor(file),
    'Content-Length': String(statSync(file).size),
    // Hashed asset names change on every build; index.html must always be revalidated to pick them up.
    'Cache-Control': file.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}
