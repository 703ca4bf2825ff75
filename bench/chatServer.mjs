#!/usr/bin/env node
// A local OpenAI-compatible chat-completions server for bench/agents.ts (127.0.0.1, port from the
// OS, printed as the first stdout line). Answers deterministically from the case fields after
// LATENCY_MS (a stand-in for model time): amount < 300 → branch 0, else abstain. Counts requests.
import { createServer } from 'node:http';

const latency = Number(process.env.LATENCY_MS ?? 0);
let requests = 0;
const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/count') return res.end(String(requests));
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    requests++;
    const step = JSON.parse(JSON.parse(body).messages[1].content);
    const amount = step.caseFields?.amount ?? 0;
    const content = JSON.stringify(
      amount < 300
        ? { branch: 0, confidence: 0.8, reason: 'small' }
        : { branch: 'abstain', confidence: 0.3, reason: 'large' },
    );
    const answer = () =>
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(
          JSON.stringify({ choices: [{ message: { content } }], usage: { prompt_tokens: 300, completion_tokens: 20 } }),
        );
    if (latency > 0) setTimeout(answer, latency);
    else answer();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
