/** RDS instance classes and RDS's default max_connections formulas. */
import { describe, expect, it } from 'vitest';
import {
  RDS_INSTANCE_CLASSES,
  rdsDBInstanceClassMemory,
  rdsDefaultMaxConnections,
  rdsInstanceClass,
} from '../../../models/data/database/index.js';

describe('RDS instance classes', () => {
  it('lists the common classes with vCPU and memory (AWS hardware specifications)', () => {
    const expected: Record<string, [number, number]> = {
      'db.t3.micro': [2, 1],
      'db.t3.small': [2, 2],
      'db.t3.medium': [2, 4],
      'db.t3.large': [2, 8],
      'db.t3.xlarge': [4, 16],
      'db.t3.2xlarge': [8, 32],
      'db.t4g.medium': [2, 4],
      'db.t4g.large': [2, 8],
      'db.m5.large': [2, 8],
      'db.m5.xlarge': [4, 16],
      'db.m5.2xlarge': [8, 32],
      'db.m6g.large': [2, 8],
      'db.m6g.xlarge': [4, 16],
      'db.r5.large': [2, 16],
      'db.r5.xlarge': [4, 32],
      'db.r5.2xlarge': [8, 64],
      'db.r6g.large': [2, 16],
      'db.r6g.xlarge': [4, 32],
      'db.r6g.2xlarge': [8, 64],
      'db.r6i.large': [2, 16],
      'db.r6i.xlarge': [4, 32],
    };
    for (const [name, [vcpu, memoryGiB]] of Object.entries(expected)) {
      expect(RDS_INSTANCE_CLASSES[name], name).toMatchObject({ name, vcpu, memoryGiB });
    }
    expect(rdsInstanceClass('db.t3.micro').burstable).toBe(true);
    expect(rdsInstanceClass('db.r6g.large').burstable).toBe(false);
    expect(() => rdsInstanceClass('db.x99.huge')).toThrow(/unknown RDS instance class.*db\.t3\.micro/);
    expect(() => rdsInstanceClass('toString')).toThrow(RangeError);
  });
});

describe('rdsDefaultMaxConnections', () => {
  it('db.t3.large MySQL: about 648, below the 682 of the nominal 8 GiB', () => {
    const n = rdsDefaultMaxConnections('mysql', rdsInstanceClass('db.t3.large').memoryGiB);
    expect(n).toBe(648);
    expect(n).toBeLessThanOrEqual(Math.floor((8 * 1024 ** 3) / 12_582_880));
  });

  it('db.r6g.large MySQL/MariaDB: about 1,300 (AWS), below the nominal 1,365', () => {
    const gib = rdsInstanceClass('db.r6g.large').memoryGiB;
    expect(rdsDefaultMaxConnections('mysql', gib)).toBe(1297);
    expect(rdsDefaultMaxConnections('mariadb', gib)).toBe(1297);
    expect(Math.abs(rdsDefaultMaxConnections('mysql', gib) - 1300)).toBeLessThan(20);
  });

  it('PostgreSQL: DBInstanceClassMemory / 9531392, capped at 5000', () => {
    expect(rdsDefaultMaxConnections('postgres', 16)).toBe(
      Math.floor(rdsDBInstanceClassMemory(16) / 9_531_392),
    );
    expect(rdsDefaultMaxConnections('postgres', 16)).toBe(1712);
    expect(rdsDefaultMaxConnections('postgres', 64)).toBe(5000);
  });

  it('uses whole bytes and integer division', () => {
    expect(Number.isInteger(rdsDBInstanceClassMemory(8))).toBe(true);
    expect(rdsDBInstanceClassMemory(8)).toBe(8_160_437_862);
  });

  it('checks its arguments', () => {
    expect(() => rdsDefaultMaxConnections('mysql', 0)).toThrow(/memoryGiB/);
    expect(() => rdsDefaultMaxConnections('mysql', Infinity)).toThrow(/memoryGiB/);
    expect(() => rdsDefaultMaxConnections('oracle' as never, 8)).toThrow(/engine/);
  });
});
