/**
 * A {@link ReplicationResult} as data, so replications run in different worker threads can be
 * summarized together. Everything but the recorder is already plain (objects, numbers, typed
 * arrays); the recorder goes through {@link Recorder.toRecord}. The round trip is exact, so a run
 * split across threads summarizes to the same bytes as one run in a single thread.
 */
import { Recorder } from '../report/recorder.js';
import type { RecorderRecord } from '../report/recorder.js';
import type { ReplicationResult } from './run-replication.js';

/** One replication's measurements, structured-clone safe (no class instances). */
export type ReplicationRecord = Omit<ReplicationResult, 'recorder'> & { readonly recorder: RecorderRecord };

/** The record of a replication's result. */
export function toReplicationRecord(result: ReplicationResult): ReplicationRecord {
  return { ...result, recorder: result.recorder.toRecord() };
}

/**
 * The replication result a record was made from.
 * @throws RangeError when the recorder's record is malformed (see {@link Recorder.fromRecord}).
 */
export function fromReplicationRecord(record: ReplicationRecord): ReplicationResult {
  return { ...record, recorder: Recorder.fromRecord(record.recorder) };
}
