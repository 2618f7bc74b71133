import { DEFAULTS } from '../../scenario/defaults.js';

/** A DB instance class: its vCPUs and nominal memory. */
export interface RdsInstanceClass {
  /** Class name, e.g. `db.r6g.large`. */
  readonly name: string;
  /** Virtual CPUs (hyperthreads on Intel/AMD, physical cores on Graviton); a database's `cores`. */
  readonly vcpu: number;
  /** Nominal memory (GiB), as listed by AWS; `DBInstanceClassMemory` is a little less. */
  readonly memoryGiB: number;
  /**
   * Burstable (db.t3, db.t4g): the full vCPUs only while CPU credits last; RDS starts them in
   * unlimited mode, where sustained use above the baseline is billed instead of throttled.
   */
  readonly burstable: boolean;
}

/** Engines whose default `max_connections` RDS derives from the instance memory. */
export type RdsEngine = 'mysql' | 'mariadb' | 'postgres';

const c = (name: string, vcpu: number, memoryGiB: number): RdsInstanceClass =>
  Object.freeze({ name, vcpu, memoryGiB, burstable: name.startsWith('db.t') });

/**
 * RDS DB instance classes by name, with vCPU and memory.
 *
 * Source: Amazon RDS User Guide, "Hardware specifications for DB instance classes"
 * (awsdocs/amazon-rds-user-guide @b8cea003, doc_source/Concepts.DBInstanceClass.md). Only the
 * classes a capacity study usually meets are listed; add rows from the same table as needed.
 */
export const RDS_INSTANCE_CLASSES: Readonly<Record<string, RdsInstanceClass>> = Object.freeze(
  Object.fromEntries(
    [
      // Burstable, Intel (db.t3) and Graviton2 (db.t4g).
      c('db.t3.micro', 2, 1),
      c('db.t3.small', 2, 2),
      c('db.t3.medium', 2, 4),
      c('db.t3.large', 2, 8),
      c('db.t3.xlarge', 4, 16),
      c('db.t3.2xlarge', 8, 32),
      c('db.t4g.micro', 2, 1),
      c('db.t4g.small', 2, 2),
      c('db.t4g.medium', 2, 4),
      c('db.t4g.large', 2, 8),
      c('db.t4g.xlarge', 4, 16),
      c('db.t4g.2xlarge', 8, 32),
      // General purpose: 4 GiB per vCPU.
      c('db.m5.large', 2, 8),
      c('db.m5.xlarge', 4, 16),
      c('db.m5.2xlarge', 8, 32),
      c('db.m6g.large', 2, 8),
      c('db.m6g.xlarge', 4, 16),
      c('db.m6g.2xlarge', 8, 32),
      // Memory optimized: 8 GiB per vCPU.
      c('db.r5.large', 2, 16),
      c('db.r5.xlarge', 4, 32),
      c('db.r5.2xlarge', 8, 64),
      c('db.r6g.large', 2, 16),
      c('db.r6g.xlarge', 4, 32),
      c('db.r6g.2xlarge', 8, 64),
      c('db.r6i.large', 2, 16),
      c('db.r6i.xlarge', 4, 32),
      c('db.r6i.2xlarge', 8, 64),
    ].map((cls) => [cls.name, cls]),
  ),
);

/**
 * The instance class named `name`.
 * @throws RangeError if the catalog has no such class (the message lists the known ones).
 */
export function rdsInstanceClass(name: string): RdsInstanceClass {
  const cls = Object.hasOwn(RDS_INSTANCE_CLASSES, name) ? RDS_INSTANCE_CLASSES[name] : undefined;
  if (cls === undefined)
    throw new RangeError(
      `unknown RDS instance class ${JSON.stringify(name)}; known: ${Object.keys(RDS_INSTANCE_CLASSES).join(', ')}`,
    );
  return cls;
}

const BYTES_PER_GIB = 1024 ** 3;

/**
 * `DBInstanceClassMemory` (bytes) for a class of `memoryGiB` nominal memory: the nominal bytes less
 * the share RDS keeps for the OS and its own processes, rounded down to whole bytes.
 *
 * AWS does not publish the reserve; `DEFAULTS.database.rdsReservedMemoryFraction` (5 %) is inferred
 * from AWS's "around 1,300" connections for 16 GiB (RDS User Guide, CHAP_Limits "Maximum number of
 * database connections"). It matches mid-sized classes; on the smallest ones the real reserve is
 * proportionally larger (an old list of observed values gives 66 connections for 1 GiB where this
 * gives 81), so treat results below 4 GiB as upper bounds.
 * @throws RangeError if `memoryGiB` is not a finite number > 0.
 */
export function rdsDBInstanceClassMemory(memoryGiB: number): number {
  if (!(memoryGiB > 0) || memoryGiB === Infinity)
    throw new RangeError(`rdsDBInstanceClassMemory: memoryGiB must be a finite number > 0, got ${memoryGiB}`);
  return Math.floor(memoryGiB * BYTES_PER_GIB * (1 - DEFAULTS.database.rdsReservedMemoryFraction));
}

/**
 * RDS's default `max_connections` for `engine` on a class of `memoryGiB` nominal memory, from the
 * default parameter group formulas (RDS User Guide, CHAP_Limits; semantics.md §5):
 *
 * - MySQL and MariaDB: `{DBInstanceClassMemory/12582880}`;
 * - PostgreSQL: `LEAST({DBInstanceClassMemory/9531392}, 5000)`;
 *
 * with integer division (RDS truncates formula results, USER_ParamValuesRef) and
 * `DBInstanceClassMemory` from {@link rdsDBInstanceClassMemory}. Examples: db.t3.large (8 GiB) MySQL
 * → 648 (at most 682 without the reserve); db.r6g.large (16 GiB) → 1,297 (AWS: "around 1,300").
 *
 * For MySQL this is the number ordinary accounts can use (the +1 slot is for admins). PostgreSQL
 * keeps `superuser_reserved_connections` (default 3) of them for superusers.
 * @throws RangeError if `engine` is unknown or `memoryGiB` is not a finite number > 0.
 */
export function rdsDefaultMaxConnections(engine: RdsEngine, memoryGiB: number): number {
  const memory = rdsDBInstanceClassMemory(memoryGiB);
  const d = DEFAULTS.database;
  switch (engine) {
    case 'mysql':
    case 'mariadb':
      return Math.floor(memory / d.rdsMysqlBytesPerConnection);
    case 'postgres':
      return Math.min(Math.floor(memory / d.rdsPostgresBytesPerConnection), d.rdsPostgresMaxConnectionsCap);
    default:
      throw new RangeError(
        `rdsDefaultMaxConnections: engine must be 'mysql', 'mariadb' or 'postgres', got ${String(engine)}`,
      );
  }
}
