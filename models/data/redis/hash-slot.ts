/**
 * Redis Cluster's key → hash slot → master mapping.
 *
 * Sources: the Redis Cluster specification (redis.io, "Redis cluster specification", Key
 * distribution model and Hash tags): 16384 slots, `HASH_SLOT = CRC16(key) mod 16384` with the
 * CRC16 XMODEM variant (polynomial 0x1021, initial value 0; check value 0x31C3 for "123456789"),
 * hashing only the part between the first `{` and the next `}` when that part is non-empty.
 * redis/redis `src/redis-cli.c` (`clusterManagerCommandCreate`): `redis-cli --cluster create`
 * gives master i the contiguous range ending at round((i + 1) × 16384 / masters − 1), the last
 * master taking the rest (3 masters: 0–5460, 5461–10922, 10923–16383).
 */

/** Number of hash slots of a Redis cluster. */
export const HASH_SLOTS = 16384;

const CRC16_TABLE = (() => {
  const table = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let crc = i << 8;
    for (let bit = 0; bit < 8; bit++)
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    table[i] = crc;
  }
  return table;
})();

const UTF8 = new TextEncoder();

/** CRC16 XMODEM of the UTF-8 bytes of `text`. */
export function crc16(text: string): number {
  let crc = 0;
  for (const byte of UTF8.encode(text))
    crc = ((crc << 8) & 0xffff) ^ CRC16_TABLE[((crc >> 8) ^ byte) & 0xff]!;
  return crc;
}

/** The hash slot of `key` (0–16383), honouring hash tags (`user:{42}:cart` hashes `42`). */
export function keyHashSlot(key: string): number {
  const open = key.indexOf('{');
  if (open !== -1) {
    const close = key.indexOf('}', open + 1);
    if (close > open + 1) return crc16(key.slice(open + 1, close)) % HASH_SLOTS;
  }
  return crc16(key) % HASH_SLOTS;
}

/**
 * The master owning each slot when `redis-cli --cluster create` spreads the slots over `masters`
 * masters: `table[slot]` is the master's index.
 * @throws RangeError if `masters` is not an integer in [1, 16384].
 */
export function slotOwners(masters: number): Uint16Array {
  if (!Number.isInteger(masters) || masters < 1 || masters > HASH_SLOTS)
    throw new RangeError(`slotOwners: masters must be an integer in [1, ${HASH_SLOTS}], got ${masters}`);
  const owners = new Uint16Array(HASH_SLOTS);
  const perMaster = HASH_SLOTS / masters;
  let first = 0;
  for (let i = 0; i < masters; i++) {
    let last = i === masters - 1 ? HASH_SLOTS - 1 : Math.round((i + 1) * perMaster - 1);
    if (last < first) last = first;
    owners.fill(i, first, last + 1);
    first = last + 1;
  }
  return owners;
}
