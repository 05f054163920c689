/**
 * The watch command's preview server: the report's output folder on http://127.0.0.1:<port>/,
 * with every HTML page given a small bar (a link to the PDF, the build's state) and a script that
 * reloads the page after each good build and shows a build's problems over the page until the next.
 * It listens on the loopback address only and serves nothing outside the output folder.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

export type BuildState = { build: number; ok: true } | { build: number; ok: false; problems: string };

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.js': 'text/javascript; charset=utf-8',
};

/** The page's side: follows the build state over server-sent events. */
const CLIENT = `const build = Number(new URL(document.currentScript.src).searchParams.get('build'));
const box = document.createElement('pre');
box.id = 'report-press-problems';
box.style.cssText = 'position:fixed;inset:auto 1rem 1rem 1rem;max-height:50vh;overflow:auto;margin:0;padding:1rem;background:#fff4f4;color:#600;border:2px solid #a00;font:14px/1.4 monospace;white-space:pre-wrap;z-index:99999';
const events = new EventSource('/__watch/events');
events.onmessage = (e) => {
  const state = JSON.parse(e.data);
  if (state.ok && state.build !== build) location.reload();
  if (state.ok) box.remove();
  else { box.textContent = state.problems; document.body.append(box); }
};
`;

function bar(state: BuildState, pdf: string): string {
  const style =
    'position:sticky;top:0;z-index:99998;padding:.4rem 1rem;background:#1d1d1b;color:#fff;font:14px/1.4 sans-serif';
  const link = `<a href="/${pdf}" style="color:#fff">${pdf.split('/').pop()}</a>`;
  const status = state.ok ? `build ${state.build}` : `build ${state.build} failed`;
  return `<div id="report-press-watch" style="${style}">Live preview · ${status} · ${link}</div>`;
}

/** An HTML edition made previewable: the bar, the client script, and a policy that allows only them. */
export function previewPage(html: string, state: BuildState, pdf: string): string {
  const script = `<script src="/__watch/client.js?build=${state.build}"></script>`;
  return html
    .replace(
      /(<meta http-equiv="Content-Security-Policy" content=")([^"]*)"/,
      `$1$2; script-src 'self'; connect-src 'self'"`,
    )
    .replace(/<body([^>]*)>/, (m) => `${m}${bar(state, pdf)}`)
    .replace(/<\/body>/, `${script}</body>`);
}

function placeholder(state: BuildState): string {
  const escaped = state.ok ? '' : state.problems.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>report-press watch</title></head><body>${bar(state, 'report.pdf')}<pre id="report-press-problems">${escaped}</pre><script src="/__watch/client.js?build=${state.build}"></script></body></html>`;
}

export interface Preview {
  url: string;
  /** Tells every open page the new state. */
  update(state: BuildState): void;
  close(): Promise<void>;
}

export async function startPreview(root: string, port: number, initial: BuildState): Promise<Preview> {
  let state = initial;
  const clients = new Set<ServerResponse>();
  const send = (res: ServerResponse) => res.write(`data: ${JSON.stringify(state)}\n\n`);

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (req.method !== 'GET') return void res.writeHead(405).end();
      if (url.pathname === '/__watch/client.js') {
        return void res.writeHead(200, { 'content-type': TYPES['.js']!, 'cache-control': 'no-store' }).end(CLIENT);
      }
      if (url.pathname === '/__watch/events') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
        clients.add(res);
        req.on('close', () => clients.delete(res));
        return send(res);
      }
      const rel = decodeURIComponent(url.pathname === '/' ? '/report.html' : url.pathname);
      const file = path.resolve(root, `.${rel}`);
      if (!file.startsWith(root + path.sep)) return void res.writeHead(404).end();
      const data = await readFile(file).catch(() => null);
      const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
      const headers = { 'content-type': type, 'cache-control': 'no-store' };
      if (type.startsWith('text/html')) {
        const pdf = path
          .relative(root, file)
          .split(path.sep)
          .join('/')
          .replace(/\.html$/, '.pdf');
        const page = data ? previewPage(data.toString('utf8'), state, pdf) : placeholder(state);
        return void res.writeHead(data ? 200 : 404, headers).end(page);
      }
      if (!data) return void res.writeHead(404).end();
      res.writeHead(200, headers).end(data);
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/`,
    update(next) {
      state = next;
      for (const res of clients) send(res);
    },
    close: () =>
      new Promise((resolve) => {
        for (const res of clients) res.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
