import { describe, expect, it } from 'vitest';
import { Environment } from '../../engine/environment.js';
import { Store } from '../../engine/resources/store.js';

describe('Store', () => {
  it('hands items to consumers FIFO, waiting when empty', () => {
    const env = new Environment();
    const store = new Store<string>(env);
    const log: string[] = [];
    const consume = (name: string) => store.get((g) => log.push(`${name} got ${g.item} @${env.now}`));
    consume('c1');
    consume('c2');
    expect(store.waitingGetters).toBe(2);
    env.scheduleAt(5, () => store.offer('m1'));
    env.scheduleAt(7, () => {
      store.offer('m2');
      store.offer('m3');
    });
    env.run();
    expect(log).toEqual(['c1 got m1 @5', 'c2 got m2 @7']);
    expect(store.items()).toEqual(['m3']);
    expect(store.poll()).toBe('m3');
    expect(store.poll()).toBeUndefined();
  });

  it('bounded: offer refuses when full, put waits for room in order', () => {
    const env = new Environment();
    const store = new Store<number>(env, { capacity: 2 });
    const log: string[] = [];
    expect(store.offer(1)).toBe(true);
    expect(store.offer(2)).toBe(true);
    expect(store.offer(3)).toBe(false);
    store.put(4, (p) => log.push(`put ${p.item} ${p.status} @${env.now}`));
    store.put(5, (p) => log.push(`put ${p.item} ${p.status} @${env.now}`));
    expect(store.waitingPutters).toBe(2);
    expect(store.offer(6)).toBe(false); // producers already wait: no overtaking
    env.scheduleAt(3, () => store.get((g) => log.push(`got ${g.item} @${env.now}`)));
    env.scheduleAt(4, () => {
      const item = store.poll(); // frees room: the second producer gets in before poll returns
      log.push(`poll ${item} @${env.now}`);
    });
    env.run();
    // The get frees room, so the first blocked producer gets in at that instant.
    expect(log).toEqual(['got 1 @3', 'put 4 accepted @3', 'put 5 accepted @4', 'poll 2 @4']);
    expect(store.items()).toEqual([4, 5]);
  });

  it('reneges a get after its timeout; cancelled gets are skipped', () => {
    const env = new Environment();
    const store = new Store<string>(env);
    const log: string[] = [];
    store.get((g) => log.push(`a ${g.status} @${env.now}`), 10);
    const b = store.get((g) => log.push(`b ${g.status}`));
    store.get((g) => log.push(`c ${g.status} ${g.item} @${env.now}`));
    expect(b.cancel()).toBe(true);
    env.scheduleAt(20, () => store.offer('x'));
    env.run();
    expect(log).toEqual(['a reneged @10', 'c fulfilled x @20']);
  });

  it('reneges a blocked put after its timeout', () => {
    const env = new Environment();
    const store = new Store<string>(env, { capacity: 0 });
    const log: string[] = [];
    store.put('x', (p) => log.push(`${p.status} @${env.now}`), 15);
    env.run();
    expect(log).toEqual(['reneged @15']);
    expect(store.size).toBe(0);
  });

  it('capacity 0 is a rendezvous: a put completes only into a waiting get', () => {
    const env = new Environment();
    const store = new Store<string>(env, { capacity: 0 });
    const log: string[] = [];
    store.put('x', (p) => log.push(`put ${p.status} @${env.now}`));
    env.scheduleAt(4, () => store.get((g) => log.push(`got ${g.item} @${env.now}`)));
    env.run();
    expect(log).toEqual(['put accepted @4', 'got x @4']);
    expect(store.offer('y')).toBe(false); // nobody waits: no room
    store.get((g) => log.push(`got ${g.item}`));
    expect(store.offer('z')).toBe(true);
    expect(log.at(-1)).toBe('got z');
  });

  it('throws coded errors on bad options', () => {
    const env = new Environment();
    expect(() => new Store(env, { capacity: -1 })).toThrow(
      expect.objectContaining({ code: 'SIM_ERR_INVALID_ARGUMENT' }),
    );
    const store = new Store(env);
    expect(() => store.get(() => {}, -5)).toThrow(/SIM_ERR_INVALID_ARGUMENT/);
  });
});
