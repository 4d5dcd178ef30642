// "webhook": `chibo start` in webhook mode as it would run behind a load balancer: one
// and two instance processes on one PostgreSQL database, updates POSTed over loopback
// by a load generator in this process, the Bot API answered by the stand-in
// (src/testing/bot-api-standin.ts), also in this process.
//
// The workload is a province part after its notices went out: members of 200 cells tap
// "I will attend" and "I have read the agenda" on their meeting's notice (every member
// taps up to three times), and some send /me or /help. A share of updates is delivered
// twice, the copy to the OTHER instance (as Telegram redelivers after a timeout, or as a
// proxy retries): half at the same moment as the original, half a little later. Each
// must be handled once: one answerCallbackQuery per callback query, one confirmation
// per tap, one HandledUpdate row per update id.
//
// Both setups (1 instance, 2 instances) run side by side on their own database and
// stand-in, with the same updates, in blocks taking turns (1, 2, 2, 1, ...), so load
// from neighbours on this shared 2-core machine falls on both alike. The machine's two
// cores are shared by this process (generator and stand-in), the instances and PostgreSQL.
import { spawnChibo, type ChiboProcess } from "../src/testing/chibo-process.js";
import http from "node:http";
import { freePort } from "../src/testing/free-port.js";
import os from "node:os";
import type { Update } from "grammy/types";
import { translate } from "../src/bot/i18n.js";
import type { Db } from "../src/db/client.js";
import { BotApiStandin } from "../src/testing/bot-api-standin.js";
import { withDatabase, type BenchDatabase } from "./databases.js";
import { seedTapCells, tapUpdate, type TapCell } from "./taps.js";
import { telegramIdOf } from "./seed.js";
import { count, percentile, seconds, table, type BenchOptions, type BenchResult, type Check } from "./report.js";
import { backendCpu, cpuBetween, machineJiffies, processCpuMs } from "./proc-cpu.js";

const SECRET = "bench-webhook-secret";
const WEBHOOK_PATH = "/telegram/webhook";
const BOT_TOKEN = "123456:BENCH";
/** Requests the generator keeps open at once (a redelivery sent at the same moment adds one). */
const IN_FLIGHT = 32;
/** Every 20th update is delivered twice (5%). */
const REDELIVER_EVERY = 20;
/** A later copy is sent this many jobs after its original. */
const LATER_GAP = 2 * IN_FLIGHT;
/** Every 8th update is a command (/me or /help) instead of a tap. */
const COMMAND_EVERY = 8;
const FIRST_UPDATE_ID = 1_000_001;
const INSTANCE_READY_MS = 60_000;

interface Size {
  updates: number;
  cells: number;
  /** /help updates per setup before the blocks (JIT, Prisma, pools); not measured. */
  warmUp: number;
  blocks: number;
}

const SIZES: Record<"full" | "quick", Size> = {
  full: { updates: 20_000, cells: 200, warmUp: 200, blocks: 8 },
  quick: { updates: 1_000, cells: 20, warmUp: 50, blocks: 4 },
};

type Kind = "att" | "read" | "command" | "warm-up";

interface Planned {
  update: Update;
  kind: Kind;
  /** The tapper, for the answers check. */
  personId: number;
  meetingId: number;
}

// ---------------------------------------------------------------- the workload

function commandUpdate(personId: number, updateId: number, command: string): Update {
  const tg = telegramIdOf(personId);
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: tg, type: "private", first_name: "Member" },
      from: { id: tg, is_bot: false, first_name: "Member", language_code: "vi" },
      text: command,
      entities: [{ type: "bot_command", offset: 0, length: command.length }],
    },
  } as Update;
}

/** Member m of every cell, then member m + 1…: consecutive taps come from different cells. */
function membersInterleaved(cells: TapCell[]): { personId: number; meetingId: number }[] {
  const members: { personId: number; meetingId: number }[] = [];
  const perCell = Math.min(...cells.map((c) => c.memberIds.length));
  for (let m = 0; m < perCell; m++) for (const cell of cells) members.push({ personId: cell.memberIds[m]!, meetingId: cell.meetingId });
  return members;
}

/**
 * Taps in rounds over all members: attend, read, attend again (a re-tap); every
 * COMMAND_EVERY-th update a command from a member spread across the province.
 */
function workload(cells: TapCell[], total: number): Planned[] {
  const members = membersInterleaved(cells);
  const planned: Planned[] = [];
  let taps = 0;
  for (let i = 0; i < total; i++) {
    const updateId = FIRST_UPDATE_ID + i;
    if (i % COMMAND_EVERY === COMMAND_EVERY - 1) {
      const member = members[(i * 7_919) % members.length]!;
      const command = i % (2 * COMMAND_EVERY) === COMMAND_EVERY - 1 ? "/me" : "/help";
      planned.push({ update: commandUpdate(member.personId, updateId, command), kind: "command", ...member });
      continue;
    }
    const member = members[taps % members.length]!;
    const action = Math.floor(taps / members.length) % 3 === 1 ? "read" : "att";
    planned.push({ update: tapUpdate(member.personId, member.meetingId, updateId, action), kind: action, ...member });
    taps += 1;
  }
  return planned;
}

function warmUpUpdates(cells: TapCell[], n: number): Planned[] {
  const members = membersInterleaved(cells);
  return Array.from({ length: n }, (_, i) => {
    const member = members[(i * 31) % members.length]!;
    return { update: commandUpdate(member.personId, 1 + i, "/help"), kind: "warm-up" as const, ...member };
  });
}

/** One or more deliveries sent at the same moment. */
interface Delivery {
  update: Update;
  instance: number;
  redelivery: boolean;
}
type Job = Delivery[];

/**
 * Round robin over the instances; every REDELIVER_EVERY-th update is sent once more to
 * the next instance (the same one when there is only one): alternately in the same
 * job (at the same moment) and LATER_GAP jobs later.
 */
function jobsFor(planned: Planned[], firstIndex: number, instances: number): Job[] {
  const jobs: Job[] = [];
  const later = new Map<number, Delivery[]>();
  planned.forEach((p, k) => {
    const g = firstIndex + k;
    const instance = g % instances;
    const job: Job = [{ update: p.update, instance, redelivery: false }];
    if (g % REDELIVER_EVERY === 0) {
      const copy = { update: p.update, instance: (instance + 1) % instances, redelivery: true };
      if ((g / REDELIVER_EVERY) % 2 === 0) job.push(copy);
      else later.set(k + LATER_GAP, [...(later.get(k + LATER_GAP) ?? []), copy]);
    }
    jobs.push(job);
    for (const copy of later.get(k) ?? []) jobs.push([copy]);
    later.delete(k);
  });
  for (const copies of later.values()) for (const copy of copies) jobs.push([copy]);
  return jobs;
}

// ---------------------------------------------------------------- instances


interface Instance {
  port: number;
  process: ChiboProcess;
  /** Log lines at error level or above (pino: level ≥ 50). */
  errors: string[];
  stop(): Promise<void>;
}

/** `chibo start` in webhook mode, its own process, as one replica behind a proxy. */
async function startInstance(databaseUrl: string, apiRoot: string): Promise<Instance> {
  const port = await freePort();
  // BENCH_INSTANCE_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=<dir>": where an instance spends its time.
  const nodeArgs = (process.env.BENCH_INSTANCE_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const errors: string[] = [];
  const chibo = spawnChibo(
    ["start"],
    {
      DATABASE_URL: databaseUrl,
      BOT_TOKEN,
      TELEGRAM_API_ROOT: apiRoot,
      BOT_MODE: "webhook",
      WEBHOOK_URL: `http://127.0.0.1:${port}${WEBHOOK_PATH}`,
      WEBHOOK_SECRET: SECRET,
      PORT: String(port),
      CHIBO_SECRET: "bench-webhook-chibo-secret",
      LOG_LEVEL: "warn",
      CHIBO_LANG: "en",
    },
    {
      nodeArgs,
      keepLines: 20,
      onLine: (line) => {
        if (/"level":(5|6)\d/.test(line)) errors.push(line);
      },
    },
  );
  const instance: Instance = {
    port,
    process: chibo,
    errors,
    async stop() {
      await chibo.stop();
    },
  };
  const deadline = Date.now() + INSTANCE_READY_MS;
  while (!(await ready(port))) {
    if (!chibo.alive() || Date.now() > deadline) {
      await instance.stop();
      throw new Error(`instance on port ${port} did not become ready:\n${[...chibo.stdout, ...chibo.stderr].join("\n")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return instance;
}

function ready(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path: "/readyz" }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on("error", () => resolve(false));
  });
}

// ---------------------------------------------------------------- the load generator

interface Sent {
  latencyMs: number;
  /** 0: no answer (the connection failed; see error). */
  status: number;
  error?: string;
  /** Sent again on a new connection after a kept-alive one was closed under it. */
  retried: boolean;
}

/**
 * One delivery; latency includes a retry. A kept-alive connection the server closes
 * (idle timeout) just as a request goes out on it fails with ECONNRESET before the
 * server reads the request: the request is sent again, as Node's documentation advises
 * and as Telegram redelivers, and counted.
 */
async function post(agent: http.Agent, port: number, body: string): Promise<Sent> {
  const started = performance.now();
  const first = await attempt(agent, port, body);
  if (first.status !== 0 || !first.staleSocket) return { latencyMs: performance.now() - started, status: first.status, error: first.error, retried: false };
  const second = await attempt(agent, port, body);
  return { latencyMs: performance.now() - started, status: second.status, error: second.error, retried: true };
}

function attempt(agent: http.Agent, port: number, body: string): Promise<{ status: number; error?: string; staleSocket?: boolean }> {
  return new Promise((resolve) => {
    const req = http.request(
      {
        agent,
        host: "127.0.0.1",
        port,
        path: WEBHOOK_PATH,
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "x-telegram-bot-api-secret-token": SECRET },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0 }));
        res.on("error", (error: NodeJS.ErrnoException) => resolve({ status: 0, error: error.code ?? error.message }));
      },
    );
    // A refused or reset connection is a failed delivery, status 0.
    req.on("error", (error: NodeJS.ErrnoException) =>
      resolve({ status: 0, error: error.code ?? error.message, staleSocket: req.reusedSocket && error.code === "ECONNRESET" }),
    );
    req.end(body);
  });
}

interface Block {
  wallMs: number;
  latencies: number[];
  statuses: Map<number, number>;
  requests: number;
  redeliveries: number;
  /** Deliveries sent again after a kept-alive connection was reset (see post). */
  retried: number;
  errors: string[];
}

async function send(setup: Setup, jobs: Job[]): Promise<Block> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  let redeliveries = 0;
  let retried = 0;
  const errors: string[] = [];
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      const results = await Promise.all(
        job.map((d) => {
          if (d.redelivery) redeliveries += 1;
          return post(setup.agents[d.instance]!, setup.instances[d.instance]!.port, JSON.stringify(d.update));
        }),
      );
      for (const r of results) {
        if (r.retried) retried += 1;
        if (r.error && r.status === 0) errors.push(r.error);
        latencies.push(r.latencyMs);
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return { wallMs: performance.now() - started, latencies, statuses, requests: latencies.length, redeliveries, retried, errors };
}

// ---------------------------------------------------------------- one setup

/** A setup's blocks added up, with what each process cost meanwhile. */
interface Totals extends Block {
  instanceCpuMs: number;
  /** This process: the load generator and the stand-in. */
  benchCpuMs: number;
  postgresCpuMs: number;
  machine: { busy: number; total: number };
  load: { before: number[]; after: number[] };
}

interface Setup {
  label: string;
  database: BenchDatabase;
  standin: BotApiStandin;
  instances: Instance[];
  agents: http.Agent[];
  /** The seeded cells (the same ids in every setup's database). */
  cells: TapCell[];
  /** Every update sent at least once: warm-up and measured. */
  planned: Planned[];
  totals: Totals;
}

async function seed(db: Db, cellCount: number): Promise<TapCell[]> {
  const now = new Date();
  // Five days ahead: open for answers, and no reminder falls due during the run
  // (the first goes out 3 days before).
  const meetingAt = new Date(now.getTime() + 5 * 86_400_000);
  const { cells } = await seedTapCells(db, cellCount, meetingAt, now);
  // The notices went out before this burst of taps: otherwise the instances' senders
  // would spend the run sending thousands of them to the stand-in.
  await db.outboxMessage.updateMany({ where: { status: "pending" }, data: { status: "sent", sentAt: now } });
  return cells;
}

async function startSetup(label: string, database: BenchDatabase, cellCount: number, instanceCount: number): Promise<Setup> {
  const cells = await seed(database.db, cellCount);
  const standin = await BotApiStandin.start();
  // Started together: each spends seconds loading its modules, mostly waiting on the disk.
  const starting = Array.from({ length: instanceCount }, () => startInstance(database.url, standin.apiRoot));
  const started = await Promise.allSettled(starting);
  const instances = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const failed = started.find((s) => s.status === "rejected");
  if (failed) {
    await Promise.all(instances.map((instance) => instance.stop()));
    await standin.stop();
    throw (failed as PromiseRejectedResult).reason;
  }
  const agents = instances.map(() => new http.Agent({ keepAlive: true, maxSockets: 2 * IN_FLIGHT }));
  const totals: Totals = {
    wallMs: 0,
    latencies: [],
    statuses: new Map(),
    requests: 0,
    redeliveries: 0,
    retried: 0,
    errors: [],
    instanceCpuMs: 0,
    benchCpuMs: 0,
    postgresCpuMs: 0,
    machine: { busy: 0, total: 0 },
    load: { before: [], after: [] },
  };
  return { label, database, standin, instances, agents, cells, planned: [], totals };
}

async function stopSetup(setup: Setup): Promise<void> {
  await Promise.all(setup.instances.map((instance) => instance.stop()));
  for (const agent of setup.agents) agent.destroy();
  await setup.standin.stop();
}

async function warmUp(setup: Setup, updates: Planned[]): Promise<void> {
  setup.planned.push(...updates);
  const jobs = updates.map((p, i): Job => [{ update: p.update, instance: i % setup.instances.length, redelivery: false }]);
  await send(setup, jobs);
}

async function runBlock(setup: Setup, planned: Planned[], firstIndex: number): Promise<void> {
  setup.planned.push(...planned);
  const jobs = jobsFor(planned, firstIndex, setup.instances.length);
  const { totals } = setup;
  const cpuBefore = setup.instances.map((i) => processCpuMs(i.process.child.pid));
  const postgresBefore = await backendCpu(setup.database.db);
  const machineBefore = machineJiffies();
  const benchCpu = process.cpuUsage();
  totals.load.before.push(os.loadavg()[0]!);
  const block = await send(setup, jobs);
  totals.load.after.push(os.loadavg()[0]!);
  const benchUsed = process.cpuUsage(benchCpu);
  totals.benchCpuMs += (benchUsed.user + benchUsed.system) / 1000;
  totals.postgresCpuMs += cpuBetween(postgresBefore, await backendCpu(setup.database.db));
  const machineAfter = machineJiffies();
  totals.instanceCpuMs += setup.instances.reduce((sum, i, k) => sum + processCpuMs(i.process.child.pid) - cpuBefore[k]!, 0);
  totals.machine.busy += machineAfter.busy - machineBefore.busy;
  totals.machine.total += machineAfter.total - machineBefore.total;
  totals.wallMs += block.wallMs;
  totals.latencies.push(...block.latencies);
  totals.requests += block.requests;
  totals.redeliveries += block.redeliveries;
  totals.retried += block.retried;
  totals.errors.push(...block.errors);
  for (const [status, n] of block.statuses) totals.statuses.set(status, (totals.statuses.get(status) ?? 0) + n);
}

// ---------------------------------------------------------------- checks

interface Outcome {
  label: string;
  instances: number;
  updates: number;
  requests: number;
  redeliveries: number;
  retried: number;
  wallMs: number;
  p50: number;
  p99: number;
  max: number;
  non200: number;
  duplicates: number;
  instanceCpuPerUpdateMs: number;
  benchCpuPerUpdateMs: number;
  postgresCpuPerUpdateMs: number;
  machineBusy: number;
  load: string;
  checks: Check[];
}

async function judge(setup: Setup): Promise<Outcome> {
  const { db } = setup.database;
  const { standin, totals, planned, label } = setup;
  const measured = planned.filter((p) => p.kind !== "warm-up");
  const taps = planned.filter((p) => p.kind === "att" || p.kind === "read");
  const attendTaps = planned.filter((p) => p.kind === "att");
  const messagesExpected = attendTaps.length + planned.filter((p) => p.kind === "command" || p.kind === "warm-up").length;
  const answeredTwice = [...standin.callbackAnswers.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
  const messages = standin.sent.filter((s) => s.method === "sendMessage").length;
  const attendText = translate("vi", "answer-attend-recorded");
  const confirmations = standin.sent.filter((s) => s.method === "sendMessage" && s.text === attendText).length;
  const duplicates = answeredTwice + Math.max(0, confirmations - attendTaps.length) + Math.max(0, messages - messagesExpected);

  const handled = await db.handledUpdate.count();
  const distinctIds = new Set(planned.map((p) => p.update.update_id)).size;
  const attendPairs = new Set(attendTaps.map((p) => `${p.meetingId}:${p.personId}`)).size;
  const readers = new Set(planned.filter((p) => p.kind === "read").map((p) => `${p.meetingId}:${p.personId}`)).size;
  const answers = await db.meetingAnswer.count();
  const attending = await db.meetingAnswer.count({ where: { answer: "attend" } });
  const read = await db.meetingAnswer.count({ where: { agendaReadAt: { not: null } } });
  const errors = setup.instances.flatMap((i) => i.errors);
  const non200 = totals.requests - (totals.statuses.get(200) ?? 0);
  const statusText = [...totals.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${count(n)}`).join(", ");

  const checks: Check[] = [
    {
      name: `${label}: every delivery answered 200`,
      ok: non200 === 0,
      detail: `${statusText} (${count(totals.requests)} requests incl. ${count(totals.redeliveries)} redeliveries; ${totals.retried} sent again after a kept-alive connection was reset)${totals.errors.length > 0 ? `; connection errors: ${[...new Set(totals.errors)].join(", ")}` : ""}`,
    },
    {
      name: `${label}: each callback query answered exactly once`,
      ok: answeredTwice === 0 && standin.callbackAnswers.size === taps.length,
      detail: `${count(standin.callbackAnswers.size)} of ${count(taps.length)} callback queries answered, ${answeredTwice} answered again`,
    },
    {
      name: `${label}: one message per attend tap and per command`,
      ok: confirmations === attendTaps.length && messages === messagesExpected,
      detail: `${count(confirmations)} confirmations for ${count(attendTaps.length)} attend taps; ${count(messages)} messages, ${count(messagesExpected)} expected`,
    },
    {
      name: `${label}: HandledUpdate rows = distinct update ids`,
      ok: handled === distinctIds,
      detail: `${count(handled)} rows, ${count(distinctIds)} distinct update ids sent`,
    },
    {
      name: `${label}: answers stored once`,
      ok: answers === attendPairs && attending === attendPairs && read === readers,
      detail: `${count(answers)} answer rows (${count(attending)} attend) for ${count(attendPairs)} members who tapped attend; ${count(read)} agenda reads for ${count(readers)} readers`,
    },
    { name: `${label}: no errors logged by the instances`, ok: errors.length === 0, detail: errors.length === 0 ? "none" : `${errors.length} lines, first: ${errors[0]!.slice(0, 300)}` },
  ];
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  return {
    label,
    instances: setup.instances.length,
    updates: measured.length,
    requests: totals.requests,
    redeliveries: totals.redeliveries,
    retried: totals.retried,
    wallMs: totals.wallMs,
    p50: percentile(totals.latencies, 50),
    p99: percentile(totals.latencies, 99),
    max: percentile(totals.latencies, 100),
    non200,
    duplicates,
    instanceCpuPerUpdateMs: totals.instanceCpuMs / Math.max(1, measured.length),
    benchCpuPerUpdateMs: totals.benchCpuMs / Math.max(1, measured.length),
    postgresCpuPerUpdateMs: totals.postgresCpuMs / Math.max(1, measured.length),
    machineBusy: totals.machine.total > 0 ? totals.machine.busy / totals.machine.total : Number.NaN,
    load: `${avg(totals.load.before).toFixed(2)} → ${avg(totals.load.after).toFixed(2)}`,
    checks,
  };
}

// ---------------------------------------------------------------- the run

/** Block b goes to the setups in the order 1,2 / 2,1 / 1,2 …: neither always runs first. */
function orderOf<T>(setups: T[], block: number): T[] {
  return block % 2 === 0 ? setups : [...setups].reverse();
}

async function measure(size: Size, options: BenchOptions): Promise<Outcome[]> {
  const began = performance.now();
  const log = (line: string) => options.log(`  [webhook ${seconds(performance.now() - began)}] ${line}`);
  return withDatabase("postgresql", (first) =>
    withDatabase("postgresql", async (second) => {
      const setups: Setup[] = [];
      try {
        const [one, two] = await Promise.allSettled([startSetup("1 instance", first, size.cells, 1), startSetup("2 instances", second, size.cells, 2)]);
        for (const s of [one, two]) if (s.status === "fulfilled") setups.push(s.value);
        for (const s of [one, two]) if (s.status === "rejected") throw s.reason;
        const cells = setups[0]!.cells;
        log(`seeded 2 databases × ${count(size.cells)} cells × ${cells[0]!.memberIds.length} members; instances up`);
        const planned = workload(cells, size.updates);
        const warm = warmUpUpdates(cells, size.warmUp);
        for (const setup of setups) await warmUp(setup, warm);
        const perBlock = Math.ceil(planned.length / size.blocks);
        for (let b = 0; b < size.blocks; b++) {
          const slice = planned.slice(b * perBlock, (b + 1) * perBlock);
          for (const setup of orderOf(setups, b)) await runBlock(setup, slice, b * perBlock);
          log(`block ${b + 1}/${size.blocks} done (load ${os.loadavg()[0]!.toFixed(2)})`);
        }
        // Let the last later copies and any reply in flight settle before counting.
        await new Promise((resolve) => setTimeout(resolve, 500));
        const outcomes: Outcome[] = [];
        for (const setup of setups) outcomes.push(await judge(setup));
        return outcomes;
      } finally {
        for (const setup of setups) await stopSetup(setup);
      }
    }),
  );
}

export async function runWebhook(options: BenchOptions): Promise<BenchResult> {
  const size = options.quick ? SIZES.quick : SIZES.full;
  const outcomes = await measure(size, options);
  const cpus = os.cpus().length;
  return {
    name: "webhook",
    setup: [
      `PostgreSQL (local server), one database per setup, ${count(size.cells)} cells × 30 linked members, one confirmed meeting per cell 5 days ahead (notices already sent)`,
      `instances: \`node bin/chibo.mjs start\` processes, BOT_MODE=webhook, each on its own port, same DATABASE_URL, TELEGRAM_API_ROOT at a Bot API stand-in (node:http) in the bench process; LOG_LEVEL=warn`,
      `load: ${count(size.updates)} updates (${COMMAND_EVERY - 1} in ${COMMAND_EVERY} answer taps "m:att" / "m:read" in rounds over all members, the rest /me or /help) POSTed round-robin over loopback with the secret header, ${IN_FLIGHT} in flight, keep-alive`,
      `redeliveries: every ${REDELIVER_EVERY}th update (${(100 / REDELIVER_EVERY).toFixed(0)}%) is sent again to the other instance (the same one when alone): half at the same moment as the original, half ${LATER_GAP} requests later`,
      `warm-up: ${size.warmUp} /help per setup before measuring (not in the figures); the two setups run the same updates in ${size.blocks} blocks taking turns (1,2 / 2,1 / …)`,
      `a request that fails with ECONNRESET on a reused kept-alive connection (the server's 5 s idle timeout closing it as the request goes out, before the server reads it) is sent once more on a new connection, as Telegram would redeliver; counted as "resets retried", its latency includes both attempts`,
      `latency: per request, from the POST to the end of the response (the webhook answers after the update is handled); throughput = requests (incl. redeliveries) / wall`,
      `machine: ${cpus} cores shared by the bench process (load generator + stand-in), the instance(s) and PostgreSQL (and whatever else runs on it: see the load average)`,
    ],
    figures: [
      ...table(
        ["setup", "requests", "wall", "throughput", "p50", "p99", "max", "non-200", "resets retried", "duplicates handled", "CPU/update: instances", "PostgreSQL", "bench process", "machine busy", "load avg (1 min)"],
        outcomes.map((o) => [
          o.label,
          `${count(o.requests)} (${count(o.redeliveries)} again)`,
          seconds(o.wallMs),
          `${((o.requests * 1000) / o.wallMs).toFixed(0)}/s`,
          `${o.p50.toFixed(1)} ms`,
          `${o.p99.toFixed(1)} ms`,
          `${o.max.toFixed(0)} ms`,
          count(o.non200),
          count(o.retried),
          count(o.duplicates),
          `${o.instanceCpuPerUpdateMs.toFixed(2)} ms`,
          `${o.postgresCpuPerUpdateMs.toFixed(2)} ms`,
          `${o.benchCpuPerUpdateMs.toFixed(2)} ms`,
          `${(o.machineBusy * 100).toFixed(0)}% of ${cpus} cores`,
          o.load,
        ]),
      ),
      ...ratioLine(outcomes),
    ],
    targets: [],
    checks: outcomes.flatMap((o) => o.checks),
  };
}

function ratioLine(outcomes: Outcome[]): string[] {
  const [one, two] = outcomes;
  if (!one || !two) return [];
  const rate = (o: Outcome) => (o.requests * 1000) / o.wallMs;
  // CPU per update × updates per second: how many of the machine's cores each part kept busy.
  const cores = (o: Outcome, perUpdateMs: number) => ((perUpdateMs * o.updates) / o.wallMs).toFixed(2);
  return [
    "",
    `2 instances / 1 instance: throughput × ${(rate(two) / rate(one)).toFixed(2)}, p50 × ${(two.p50 / one.p50).toFixed(2)}, p99 × ${(two.p99 / one.p99).toFixed(2)}`,
    ...outcomes.map(
      (o) => `cores busy, ${o.label}: instances ${cores(o, o.instanceCpuPerUpdateMs)}, PostgreSQL backends ${cores(o, o.postgresCpuPerUpdateMs)}, bench process ${cores(o, o.benchCpuPerUpdateMs)}, whole machine ${(o.machineBusy * os.cpus().length).toFixed(2)} of ${os.cpus().length}`,
    ),
  ];
}
