// A stand-in for the company's order-service, on its real ORM (Prisma Client 7 with the pg
// driver adapter) and its EncryptionService, driven by tst_orderserviceflow over stdin/stdout.
// It does to the shared database exactly what the order-service does (docs/order-service.md):
// reads do_accounts and decrypts tokens, creates accounts, queues orders with one INSERT,
// cancels queued ones, waits for outcomes (NOTIFY on dopool_orders, polling as a fallback),
// and, for the test of its old flow, provisions one order itself with its own code
// (docs/order-service.md#what-the-order-service-must-stop-doing-and-when).
//
// Protocol: one JSON command per input line, {"seq": n, "cmd": "...", ...}; one JSON answer
// per command, {"seq": n, "ok": true, ...} or {"seq": n, "ok": false, "error": {...}}; and
// events {"event": "notify", "payload": {...}} for every dopool_orders notification.
// Environment: DATABASE_URL, ENCRYPTION_KEY, DO_API_BASE (the fake DO, for the old flow).
// Tokens never leave this process: accounts are reported with the SHA-256 of their token.
import crypto from 'node:crypto';
import readline from 'node:readline';

import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';

import { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { EncryptionService } from './encryption.service.ts';

type Command = { seq: number; cmd: string; [key: string]: unknown };

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  process.stderr.write('orderservice: DATABASE_URL is not set\n');
  process.exit(2);
}
const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
const encryption = new EncryptionService();

function send(message: object): void {
  process.stdout.write(
    `${JSON.stringify(message, (_key, value) => (typeof value === 'bigint' ? value.toString() : value))}\n`,
  );
}

function sha256(text: string): string {
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

type TaskRow = Awaited<ReturnType<typeof prisma.provisioningTask.findFirstOrThrow>>;

function taskJson(task: TaskRow) {
  return {
    id: task.id,
    orderId: task.orderId,
    status: task.status,
    doAccountId: task.doAccountId,
    dropletId: task.dropletId === null ? null : task.dropletId.toString(),
    dropletName: task.dropletName,
    tag: task.tag,
    error: task.error,
    claimedBy: task.claimedBy,
    updatedAt: task.updatedAt.toISOString(),
  };
}

// --- the order-service's side of the contract ----------------------------------------------

type Order = {
  orderId: string;
  region?: string;
  size?: string;
  image?: string;
  // Only the test's bad rows set these: an account for the order, a status of its own.
  doAccountId?: string;
  status?: string;
};

// What the order-service does when an order is paid: one INSERT.
async function queueOrder(order: Order) {
  const task = await prisma.provisioningTask.create({
    data: {
      orderId: order.orderId,
      status: order.status ?? 'PENDING',
      doRegion: order.region ?? null,
      doSize: order.size ?? null,
      doImage: order.image ?? null,
      doAccountId: order.doAccountId ?? null,
    },
  });
  return { id: task.id, orderId: task.orderId, committedAtMs: Date.now() };
}

// Cancelling a queued order: only while nobody has claimed it.
async function cancelOrder(id: string) {
  const result = await prisma.provisioningTask.updateMany({
    where: { id, status: { in: ['PENDING', 'WAITING'] }, claimedBy: null },
    data: { status: 'CANCELLED' },
  });
  return result.count;
}

const FINAL = new Set(['CREATED', 'FAILED', 'CANCELLED']);
const waiters = new Set<() => void>();

// Waits until every task is in a final state (or `until`), woken by dopool_orders
// notifications and polling every 500 ms in case one was missed.
async function awaitTasks(ids: string[], until: string[] | undefined, timeoutMs: number) {
  const wanted = until ? new Set(until) : FINAL;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const tasks = await prisma.provisioningTask.findMany({ where: { id: { in: ids } } });
    const done = tasks.length === ids.length && tasks.every((t) => wanted.has(t.status));
    if (done || Date.now() >= deadline) {
      return { done, tasks: tasks.map(taskJson) };
    }
    await new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, 500);
      waiters.add(wake);
    });
  }
}

// The order-service's own provisioning (its old provisioning.service.ts): pick an account, mark
// the task IN_PROGRESS with it, POST the droplet itself without dopool's tags. The task is
// left IN_PROGRESS, as the order-service's own process leaves it while it waits for the droplet.
async function provisionTheOldWay(orderId: string, accountId: string) {
  const account = await prisma.doAccount.findUniqueOrThrow({ where: { id: accountId } });
  const task = await prisma.provisioningTask.create({
    data: { orderId, status: 'IN_PROGRESS', doAccountId: account.id, attempts: 1 },
  });
  const response = await fetch(`${process.env.DO_API_BASE}/v2/droplets`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${encryption.decrypt(account.accessToken)}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({
      name: `webrana-${orderId.slice(0, 8)}`,
      region: 'sgp1',
      size: 's-1vcpu-1gb',
      image: 'ubuntu-24-04-x64',
    }),
  });
  const body = (await response.json()) as { droplet?: { id: number } };
  return { task: taskJson(task), status: response.status, dropletId: body.droplet?.id ?? null };
}

// --- commands --------------------------------------------------------------------------------

async function handle(command: Command): Promise<object> {
  switch (command.cmd) {
    case 'accounts': {
      const accounts = await prisma.doAccount.findMany({ orderBy: { name: 'asc' } });
      return {
        accounts: accounts.map((a) => ({
          id: a.id,
          name: a.name,
          email: a.email,
          dropletLimit: a.dropletLimit,
          activeDroplets: a.activeDroplets,
          isActive: a.isActive,
          isPrimary: a.isPrimary,
          healthStatus: a.healthStatus,
          tokenSha256: sha256(encryption.decrypt(a.accessToken)),
        })),
      };
    }
    case 'createAccount': {
      const account = await prisma.doAccount.create({
        data: {
          name: command.name as string,
          email: command.email as string,
          accessToken: encryption.encrypt(command.token as string),
          dropletLimit: command.dropletLimit as number,
        },
      });
      return { id: account.id };
    }
    case 'queue':
      return queueOrder(command as unknown as Order);
    case 'queueMany': {
      // All at once, as a burst of paid orders arrives.
      const orders = command.orders as Order[];
      return { queued: await Promise.all(orders.map(queueOrder)) };
    }
    case 'cancel':
      return { cancelled: await cancelOrder(command.id as string) };
    case 'await':
      return awaitTasks(
        command.ids as string[],
        command.until as string[] | undefined,
        (command.timeoutMs as number) ?? 60000,
      );
    case 'tasks': {
      const tasks = await prisma.provisioningTask.findMany({
        where: command.orderId ? { orderId: command.orderId as string } : {},
        orderBy: { createdAt: 'asc' },
      });
      return { tasks: tasks.map(taskJson) };
    }
    case 'provisionTheOldWay':
      return provisionTheOldWay(command.orderId as string, command.accountId as string);
    case 'quit':
      await prisma.$disconnect();
      setImmediate(() => process.exit(0));
      return {};
    default:
      throw new Error(`unknown command ${command.cmd}`);
  }
}

function errorJson(error: unknown) {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    return { code: error.code, message: error.message, meta: error.meta ?? null };
  }
  return { code: 'ERROR', message: error instanceof Error ? error.message : String(error) };
}

async function main() {
  // The order-service's listener: every notification on dopool_orders, as it arrives.
  const listener = new pg.Client({ connectionString: databaseUrl });
  await listener.connect();
  listener.on('notification', (message) => {
    let payload: unknown = message.payload;
    try {
      payload = JSON.parse(message.payload ?? '');
    } catch {
      // reported as the raw text: the test then fails on the payload's shape
    }
    send({ event: 'notify', channel: message.channel, payload });
    for (const wake of [...waiters]) wake();
  });
  await listener.query('LISTEN dopool_orders');

  const input = readline.createInterface({ input: process.stdin });
  input.on('line', (line) => {
    if (!line.trim()) return;
    let command: Command;
    try {
      command = JSON.parse(line) as Command;
    } catch (error) {
      send({ seq: -1, ok: false, error: errorJson(error) });
      return;
    }
    handle(command)
      .then((result) => send({ seq: command.seq, ok: true, ...result }))
      .catch((error: unknown) => send({ seq: command.seq, ok: false, error: errorJson(error) }));
  });
  input.on('close', () => {
    void listener.end().then(() => prisma.$disconnect()).then(() => process.exit(0));
  });
  send({ event: 'ready' });
}

main().catch((error: unknown) => {
  process.stderr.write(`orderservice: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
