// Loopback OpenAI-compatible upstream on Node's http module (an alternative to nginx.sh; see compare.sh).
// Usage: node upstream.mjs PORT DELAY_MS
// POST /v1/chat/completions: a fixed chat.completion with usage after DELAY_MS; with "stream":true in the body,
// the same answer as SSE chunks (first chunk after DELAY_MS) ending with a usage chunk and [DONE].
import http from 'node:http';
import { readFileSync } from 'node:fs';

const port = Number(process.argv[2] ?? 9100);
const delayMs = Number(process.argv[3] ?? 0);
const completion = readFileSync(new URL('./completion.json', import.meta.url), 'utf8').trim();
const body = Buffer.from(completion);
const parsed = JSON.parse(completion);

function sseChunks() {
  const base = { id: parsed.id, object: 'chat.completion.chunk', created: parsed.created, model: parsed.model };
  const words = parsed.choices[0].message.content.split(/(?<= )/);
  const out = [{ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] }];
  for (const w of words) out.push({ ...base, choices: [{ index: 0, delta: { content: w }, finish_reason: null }] });
  out.push({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
  out.push({ ...base, choices: [], usage: parsed.usage });
  return Buffer.from(out.map((c) => `data: ${JSON.stringify(c)}\n\n`).join('') + 'data: [DONE]\n\n');
}
const sse = sseChunks();

const later = delayMs > 0 ? (f) => setTimeout(f, delayMs) : (f) => f();

const server = http.createServer((req, res) => {
  if (req.method !== 'POST' || !req.url.endsWith('/chat/completions')) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":{"message":"not found","type":"invalid_request_error"}}');
    return;
  }
  const parts = [];
  req.on('data', (d) => parts.push(d));
  req.on('end', () => {
    const stream = Buffer.concat(parts).includes('"stream":true');
    later(() => {
      if (stream) {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        res.end(sse);
      } else {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
        res.end(body);
      }
    });
  });
});
server.keepAliveTimeout = 600_000;
server.headersTimeout = 601_000;
server.listen(port, '127.0.0.1', () => console.error(`node upstream on 127.0.0.1:${port}, delay ${delayMs} ms`));
