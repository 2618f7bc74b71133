import { describe, expect, it } from 'vitest';
import { Environment } from '../../engine/environment.js';
import { Resource } from '../../engine/resources/resource.js';
import type { ResourceRequest } from '../../engine/resources/resource.js';

/** A customer that holds one slot for `serviceMs`, logging (event, name, time). */
function customer(
  env: Environment,
  res: Resource<string>,
  log: string[],
  name: string,
  serviceMs: number,
): void {
  res.request((req: ResourceRequest<string>) => {
    log.push(`${req.status} ${req.data} @${env.now}`);
    if (req.status !== 'granted') return;
    env.schedule(serviceMs, () => {
      log.push(`release ${req.data} @${env.now}`);
      req.release();
    });
  }, name);
}

describe('Resource', () => {
  it('grants free slots at once and queues the rest FIFO', () => {
    const env = new Environment();
    const res = new Resource<string>(env, { capacity: 2 });
    const log: string[] = [];
    for (const [i, name] of ['a', 'b', 'c', 'd'].entries())
      env.scheduleAt(i, () => customer(env, res, log, name, 10));
    env.run();
    expect(log).toEqual([
      'granted a @0',
      'granted b @1',
      'release a @10',
      'granted c @10',
      'release b @11',
      'granted d @11',
      'release c @20',
      'release d @21',
    ]);
    expect(res.grantedCount).toBe(4);
    expect(res.inUse).toBe(0);
  });

  it('serves by priority (lower first), FIFO among equals, when priorityQueue is set', () => {
    const env = new Environment();
    const res = new Resource<string>(env, { capacity: 1, priorityQueue: true });
    const order: string[] = [];
    const take = (req: ResourceRequest<string>) => {
      order.push(req.data);
      env.schedule(1, () => req.release());
    };
    res.request(take, 'holder');
    res.request(take, 'low-1', { priority: 5 });
    res.request(take, 'high-1', { priority: 1 });
    res.request(take, 'low-2', { priority: 5 });
    res.request(take, 'high-2', { priority: 1 });
    expect(res.waiters().map((r) => r.data)).toEqual(['high-1', 'high-2', 'low-1', 'low-2']);
    env.run();
    expect(order).toEqual(['holder', 'high-1', 'high-2', 'low-1', 'low-2']);
  });

  it('rejects at once past queueLimit, and queueLimit 0 makes a loss system', () => {
    const env = new Environment();
    const res = new Resource<string>(env, { capacity: 1, queueLimit: 1 });
    const log: string[] = [];
    for (const name of ['a', 'b', 'c']) customer(env, res, log, name, 5);
    expect(log).toEqual(['granted a @0', 'rejected c @0']);
    expect(res.rejectedCount).toBe(1);
    expect(res.queueLength).toBe(1);
    env.run();
    expect(log).toEqual(['granted a @0', 'rejected c @0', 'release a @5', 'granted b @5', 'release b @10']);

    const loss = new Resource<string>(env, { capacity: 1, queueLimit: 0 });
    const log2: string[] = [];
    customer(env, loss, log2, 'x', 1);
    customer(env, loss, log2, 'y', 1);
    expect(log2).toEqual([`granted x @10`, `rejected y @10`]);
  });

  it('reneges a waiter whose timeout expires and keeps the queue order for the others', () => {
    const env = new Environment();
    const res = new Resource<string>(env, { capacity: 1, waitTimeoutMs: 30 });
    const log: string[] = [];
    customer(env, res, log, 'a', 50); // holds until 50
    env.scheduleAt(10, () => customer(env, res, log, 'b', 5)); // gives up at 40
    env.scheduleAt(20, () => {
      res.request(
        (req) => {
          log.push(`${req.status} ${req.data} @${env.now} waited ${req.waitMs}`);
          if (req.status === 'granted') env.schedule(5, () => req.release());
        },
        'c',
        { timeoutMs: 100 }, // per-request override
      );
    });
    env.run();
    expect(log).toEqual(['granted a @0', 'reneged b @40', 'release a @50', 'granted c @50 waited 30']);
    expect(res.renegedCount).toBe(1);
    expect(env.now).toBe(55); // c's renege timer at 120 was cancelled on grant, so nothing runs then
  });

  it('lets an owner cancel a waiting request without a callback', () => {
    const env = new Environment();
    const res = new Resource<string>(env, { capacity: 1, waitTimeoutMs: 10 });
    const log: string[] = [];
    customer(env, res, log, 'a', 20);
    const b = res.request((r) => log.push(`${r.status} b`), 'b');
    customer(env, res, log, 'c', 1);
    expect(b.cancel()).toBe(true);
    expect(b.cancel()).toBe(false);
    expect(res.queueLength).toBe(1);
    env.run();
    expect(log).toEqual(['granted a @0', 'reneged c @10', 'release a @20']);
    expect(res.cancelledCount).toBe(1);
  });

  it('raises capacity during a busy period and grants waiters at that instant', () => {
    const env = new Environment();
    const res = new Resource<string>(env, { capacity: 1 });
    const log: string[] = [];
    for (const name of ['a', 'b', 'c', 'd']) customer(env, res, log, name, 100);
    env.scheduleAt(30, () => res.setCapacity(3));
    env.run();
    expect(log).toEqual([
      'granted a @0',
      'granted b @30',
      'granted c @30',
      'release a @100',
      'granted d @100',
      'release b @130',
      'release c @130',
      'release d @200',
    ]);
  });

  it('lowers capacity below inUse: holders finish, no grant until inUse < capacity', () => {
    const env = new Environment();
    const res = new Resource<string>(env, { capacity: 3 });
    const log: string[] = [];
    customer(env, res, log, 'a', 10);
    customer(env, res, log, 'b', 20);
    customer(env, res, log, 'c', 30);
    customer(env, res, log, 'd', 5);
    env.scheduleAt(1, () => res.setCapacity(1));
    env.run();
    expect(log).toEqual([
      'granted a @0',
      'granted b @0',
      'granted c @0',
      'release a @10',
      'release b @20', // inUse 1 = capacity: d still waits
      'release c @30',
      'granted d @30',
      'release d @35',
    ]);
    expect(res.inUse).toBe(0);
  });

  it('capacity 0 holds everyone until slots appear (pods not yet ready)', () => {
    const env = new Environment();
    const res = new Resource<string>(env, { capacity: 0 });
    const log: string[] = [];
    customer(env, res, log, 'a', 1);
    env.scheduleAt(50, () => res.setCapacity(1));
    env.run();
    expect(log).toEqual(['granted a @50', 'release a @51']);
  });

  it('does not recurse: a long queue of zero-length holds drains in a loop', () => {
    const env = new Environment();
    const res = new Resource<number>(env, { capacity: 1 });
    let served = 0;
    const hold = (req: ResourceRequest<number>) => {
      served++;
      if (req.data === 0) env.schedule(1, () => req.release());
      else req.release(); // releases inside the grant callback
    };
    for (let i = 0; i < 200_000; i++) res.request(hold, i);
    env.run();
    expect(served).toBe(200_000);
    expect(res.inUse).toBe(0);
  });

  it('keeps memory bounded when most waiters renege (compaction)', () => {
    const env = new Environment();
    const res = new Resource<number>(env, { capacity: 0, waitTimeoutMs: 1 });
    let reneged = 0;
    for (let i = 0; i < 10_000; i++) env.scheduleAt(i, () => res.request(() => reneged++, i));
    env.run();
    expect(reneged).toBe(10_000);
    expect(res.queueLength).toBe(0);
    expect(res.waiters()).toEqual([]);
  });

  it('reports every state change to onChange', () => {
    const env = new Environment();
    const seen: string[] = [];
    const res = new Resource<string>(env, {
      capacity: 1,
      onChange: (r) => seen.push(`${env.now}:${r.inUse}/${r.queueLength}`),
    });
    const log: string[] = [];
    customer(env, res, log, 'a', 2);
    customer(env, res, log, 'b', 2);
    env.run();
    expect(seen).toEqual(['0:1/0', '0:1/1', '2:1/0', '2:1/0', '4:0/0']);
  });

  it('throws coded errors on misuse', () => {
    const env = new Environment();
    expect(() => new Resource(env, { capacity: -1 })).toThrow(
      expect.objectContaining({ code: 'SIM_ERR_INVALID_ARGUMENT' }),
    );
    expect(() => new Resource(env, { capacity: 1.5 })).toThrow(/SIM_ERR_INVALID_ARGUMENT/);
    expect(() => new Resource(env, { capacity: 1, queueLimit: -2 })).toThrow(/SIM_ERR_INVALID_ARGUMENT/);
    expect(() => new Resource(env, { capacity: 1, waitTimeoutMs: NaN })).toThrow(/SIM_ERR_INVALID_ARGUMENT/);
    const res = new Resource(env, { capacity: 1 });
    expect(() => res.setCapacity(NaN)).toThrow(/SIM_ERR_INVALID_ARGUMENT/);
    let held: ResourceRequest | undefined;
    res.request((r) => (held = r), undefined);
    held!.release();
    expect(() => held!.release()).toThrow(expect.objectContaining({ code: 'SIM_ERR_NOT_HELD' }));
    const other = new Resource(env, { capacity: 1 });
    res.request((r) => (held = r), undefined);
    expect(() => other.release(held!)).toThrow(/SIM_ERR_NOT_HELD/);
  });
});
