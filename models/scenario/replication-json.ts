/**
 * Replication records as JSON text, exactly: for a network hop (a job queue) where structured
 * clone is not available. JSON alone would turn typed arrays into objects and NaN, ±Infinity and
 * -0 into null or 0; here typed arrays travel as the base64 of their bytes and such numbers as
 * tagged strings, so decoding gives back the same bits and a run summarized from decoded records
 * is byte-identical to one summarized in place.
 */
import type { ReplicationRecord } from './replication-record.js';

const F64 = '$f64';
const NUM = '$num';

function replacer(this: unknown, _key: string, value: unknown): unknown {
  if (value instanceof Float64Array)
    return { [F64]: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0)))
    return { [NUM]: Object.is(value, -0) ? '-0' : String(value) };
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const o = value as Record<string, unknown>;
  if (typeof o[F64] === 'string' && Object.keys(o).length === 1) {
    const bytes = Buffer.from(o[F64], 'base64');
    // A copy into a fresh buffer: Buffer's own may be a slice of a pool at an unaligned offset.
    const out = new Float64Array(bytes.byteLength / 8);
    new Uint8Array(out.buffer).set(bytes);
    return out;
  }
  if (typeof o[NUM] === 'string' && Object.keys(o).length === 1) return o[NUM] === '-0' ? -0 : Number(o[NUM]);
  return value;
}

/** The records as JSON text. */
export function recordsToJson(records: readonly ReplicationRecord[]): string {
  return JSON.stringify(records, replacer);
}

/**
 * The records a {@link recordsToJson} text holds.
 * @throws SyntaxError for text that is not JSON.
 */
export function recordsFromJson(text: string): ReplicationRecord[] {
  return JSON.parse(text, reviver) as ReplicationRecord[];
}
