/**
 * Seeded generator of realistic recorded cases (CSV, one row per event) for the sample graphs:
 * what people actually did, including the messy parts — cases that skip the SOP, escalations,
 * detours through manual review, events after the case was closed. Same seed, same file.
 *
 *   node bin/run-ts.mjs scripts/gen-cases.ts [refund|tickets] [--cases N] [--seed S] [--out file.csv]
 *
 * Defaults: refund, 300 cases, seed 42, samples/cases/refund-cases.csv (tickets: ticket-cases.csv).
 * The benchmark imports `writeCasesCsv` to write a 1,000,000-case log.
 */
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
// mulberry32 (shared/random.ts): the same file for the same seed
import { seededRandom } from '../shared/random';

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const round2 = (x: number) => Math.round(x * 100) / 100;
/** Standard normal (Box–Muller). */
const normal = (r: Rand) => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());

interface GeneratedCase {
  /** Attribute values in the generator's column order. */
  attributes: Array<string | number | boolean>;
  /** Activities with resource and minutes after the previous event. */
  events: Array<{ activity: string; resource: string; afterMin: number }>;
}

export interface CaseModel {
  name: string;
  columns: string[];
  prefix: string;
  next(r: Rand): GeneratedCase;
}

const STAFF = ['ana', 'ben', 'chen', 'dia', 'eli', 'femi'];

/** Refund requests (samples/refund.sop.json): ~2.7 events per case. */
export const refundModel: CaseModel = {
  name: 'refund',
  prefix: 'R',
  columns: ['amount', 'fraudScore', 'customerTier'],
  next(r) {
    const amount = Math.max(5, Math.min(3000, Math.round(Math.exp(4.2 + normal(r)))));
    const fraudScore = round2(r() ** 3);
    const tier = r() < 0.15 ? 'gold' : r() < 0.4 ? 'silver' : 'bronze';
    const ev: GeneratedCase['events'] = [{ activity: 'Triage request', resource: 'bot', afterMin: 0 }];
    const person = () => pick(r, STAFF);
    const add = (activity: string, afterMin: number, resource = person()) =>
      ev.push({ activity, resource, afterMin: Math.round(afterMin) });
    const review = (approveP: number) => {
      add('Manual review', 30 + r() * 600);
      add(r() < approveP ? 'Issue refund' : 'Reject request', 5 + r() * 120);
    };
    const u = r();
    if (fraudScore >= 0.8) {
      if (u < 0.88) add('Reject request', 2 + r() * 30);
      else if (u < 0.98) review(0.2);
      else add('Issue refund', 5 + r() * 60);
    } else if (amount <= 100 && fraudScore < 0.3) {
      if (u < 0.93) add('Issue refund', 1 + r() * 20, r() < 0.5 ? 'bot' : person());
      else if (u < 0.99) review(0.9);
      else add('Call customer', 10 + r() * 60);
    } else {
      if (u < 0.8) review(fraudScore < 0.5 && amount <= 1000 ? 0.85 : 0.3);
      else if (u < 0.92) add('Issue refund', 10 + r() * 200);
      else if (u < 0.98) add('Reject request', 10 + r() * 200);
      else add('Call customer', 10 + r() * 60);
    }
    if (ev.at(-1)!.activity === 'Issue refund' && r() < 0.03) add('Send survey', 60 + r() * 2000, 'bot');
    return { attributes: [amount, fraudScore, tier], events: ev };
  },
};

/** Support ticket routing (samples/ticket-routing.sop.json): ~4.6 events per case. */
export const ticketModel: CaseModel = {
  name: 'tickets',
  prefix: 'T',
  columns: [
    'category',
    'confidence',
    'sentiment',
    'priority',
    'customer.tier',
    'customer.openTickets',
    'mentionsLegal',
    'creditAmount',
  ],
  next(r) {
    const category = pick(r, ['billing', 'billing', 'technical', 'technical', 'account', 'other']);
    const confidence = round2(0.5 + 0.5 * Math.sqrt(r()));
    const sentiment = round2(Math.max(-1, Math.min(1, 0.1 + 0.45 * normal(r))));
    const priority = 1 + Math.floor(r() ** 0.7 * 4);
    const tier = r() < 0.05 ? 'vip' : r() < 0.3 ? 'business' : 'standard';
    const openTickets = Math.floor(r() ** 2 * 6);
    const legal = r() < 0.02;
    const credit = category === 'billing' && r() < 0.6 ? round2(5 + r() * 115) : 0;
    const ev: GeneratedCase['events'] = [{ activity: 'Classify ticket', resource: 'bot', afterMin: 0 }];
    const add = (activity: string, afterMin: number, resource = pick(r, STAFF)) =>
      ev.push({ activity, resource, afterMin: Math.round(afterMin) });
    const manual = (then: string) => {
      add('Manual triage', 20 + r() * 240);
      add(then, 5 + r() * 60);
    };
    const urgent = legal || priority === 1 || sentiment < -0.7;
    let queue: string;
    if (urgent) queue = r() < 0.9 ? 'Escalation queue' : '';
    else if (category === 'billing' && confidence >= 0.8) queue = r() < 0.92 ? 'Billing queue' : '';
    else if (category === 'technical' && confidence >= 0.8) queue = r() < 0.85 ? 'Tech queue' : '';
    else queue = '';
    if (queue) add(queue, 1 + r() * 15, 'bot');
    else
      manual(
        urgent
          ? 'Escalation queue'
          : category === 'billing'
            ? 'Billing queue'
            : category === 'technical'
              ? 'Tech queue'
              : r() < 0.7
                ? 'Close ticket'
                : 'Tech queue',
      );
    let at = ev.at(-1)!.activity;
    if (at === 'Billing queue') {
      if (credit > 0 && tier !== 'vip' && r() < 0.85) add('Apply goodwill credit', 2 + r() * 30, 'bot');
      else {
        add('Billing specialist', 30 + r() * 600);
        if (r() < 0.1) add('Escalation queue', 10 + r() * 100);
      }
    } else if (at === 'Tech queue') {
      if (r() < 0.02) add('Call customer', 30 + r() * 300);
      if (r() < 0.15) add('Escalation queue', 60 + r() * 1200);
    }
    at = ev.at(-1)!.activity;
    if (at !== 'Close ticket' && at !== 'Call customer') add('Close ticket', 30 + r() * 2000);
    // after closing, many helpdesks send a survey: events the SOP does not model (trailing)
    if (r() < 0.5) {
      add('Send survey', 60 + r() * 600, 'bot');
      if (r() < 0.4) add('Survey answered', 60 + r() * 4000, 'customer');
    }
    return { attributes: [category, confidence, sentiment, priority, tier, openTickets, legal, credit], events: ev };
  },
};

const MODELS: Record<string, CaseModel> = { refund: refundModel, tickets: ticketModel };

/** CSV text of `count` cases, in chunks of about `chunkRows` rows. */
export function* casesCsv(model: CaseModel, count: number, seed: number, chunkRows = 20_000): Generator<string> {
  const r = seededRandom(seed);
  const year = Date.UTC(2024, 0, 1);
  const span = 366 * 86_400_000;
  const width = Math.max(4, String(count).length);
  let out = `case_id,activity,timestamp,resource,${model.columns.join(',')}\n`;
  let rows = 0;
  for (let i = 1; i <= count; i++) {
    const c = model.next(r);
    const id = `${model.prefix}-${String(i).padStart(width, '0')}`;
    const attrs = c.attributes.join(',');
    // cases start through the year, in order, so the log is sorted by case start like real exports
    let t = year + Math.floor(((i - 1 + r()) / count) * span);
    for (const e of c.events) {
      t += e.afterMin * 60_000 + Math.floor(r() * 60_000);
      out += `${id},${e.activity},${new Date(t).toISOString()},${e.resource},${attrs}\n`;
      rows++;
    }
    if (rows >= chunkRows) {
      yield out;
      out = '';
      rows = 0;
    }
  }
  if (out) yield out;
}

/** Write a generated log to `path`; resolves with the number of bytes written. */
export async function writeCasesCsv(path: string, model: CaseModel, count: number, seed: number): Promise<number> {
  const stream = createWriteStream(path);
  let bytes = 0;
  for (const chunk of casesCsv(model, count, seed)) {
    bytes += Buffer.byteLength(chunk);
    if (!stream.write(chunk)) await new Promise<void>((res) => stream.once('drain', () => res()));
  }
  await new Promise<void>((res, rej) => stream.end((e?: Error | null) => (e ? rej(e) : res())));
  return bytes;
}

async function main(argv: string[]): Promise<void> {
  const name = argv.find((a) => !a.startsWith('-') && MODELS[a]) ?? 'refund';
  const opt = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const count = Number(opt('--cases') ?? 300);
  const seed = Number(opt('--seed') ?? 42);
  const out = resolve(opt('--out') ?? `samples/cases/${name === 'refund' ? 'refund-cases' : 'ticket-cases'}.csv`);
  const bytes = await writeCasesCsv(out, MODELS[name]!, count, seed);
  console.log(`wrote ${count} ${name} cases (seed ${seed}, ${bytes} bytes) to ${out}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main(process.argv.slice(2));
}
