/**
 * Databases of the data tier.
 *
 * - {@link DatabaseServer}: one server (MySQL/MariaDB on RDS): `max_connections` refusals (error
 *   1040), queries as processor sharing on its cores plus I/O delay, hot row locks with
 *   `innodb_lock_wait_timeout`.
 * - {@link ReaderEndpoint}: a replica set's reader endpoint, balancing connections over replicas.
 * - {@link RDS_INSTANCE_CLASSES} and {@link rdsDefaultMaxConnections}: RDS instance classes (vCPU,
 *   memory) and the default `max_connections` RDS derives from memory.
 *
 * @module
 */

export { DatabaseServer } from './database-server.js';
export type { DatabaseServerOptions, DatabaseStats } from './database-server.js';
export { ReaderEndpoint } from './reader-endpoint.js';
export type { ReaderEndpointOptions } from './reader-endpoint.js';
export {
  RDS_INSTANCE_CLASSES,
  rdsInstanceClass,
  rdsDBInstanceClassMemory,
  rdsDefaultMaxConnections,
} from './instance-classes.js';
export type { RdsEngine, RdsInstanceClass } from './instance-classes.js';
