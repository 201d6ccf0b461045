/**
 * The agency directory on a real SQLite file: seeding on first start, importing CSV and JSON (the real
 * hub's field names included), idempotency, rejected rows with their lines, parents derived from
 * QCVN 102 codes, the command's exit codes, and a 120,000-unit import.
 */
import 'reflect-metadata';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import type { Orm } from '../../src/shared/db';
import { createLogger } from '../../src/shared/logger';
import { openDocumentsDatabase } from '../../src/subgraphs/documents/database';
import { Agency } from '../../src/subgraphs/documents/agency/agency.entity';
import { importDirectory, seedDirectoryIfEmpty } from '../../src/subgraphs/documents/agency/directory';
import { DirectoryFileError } from '../../src/subgraphs/documents/agency/directory-file';
import { SEED_AGENCIES } from '../../src/subgraphs/documents/agency/seed-data';
import { syntheticDirectory, writeSyntheticDirectory } from '../../src/cli/make-directory';
import { tempEnv, type TempEnv } from '../helpers/env';

const logger = createLogger('silent', 'agency-import-test');

/** Runs `body` against a fresh documents database, seeded unless told otherwise, then removes it. */
async function withDatabase(body: (orm: Orm, env: TempEnv) => Promise<void>, seed = true): Promise<void> {
  const env = tempEnv();
  const orm = await openDocumentsDatabase(env.config);
  try {
    if (seed) await seedDirectoryIfEmpty(orm, logger);
    await body(orm, env);
  } finally {
    await orm.close();
    env.cleanup();
  }
}

function write(env: TempEnv, name: string, text: string): string {
  const file = path.join(env.dir, name);
  fs.writeFileSync(file, text);
  return file;
}

const table = (orm: Orm) => orm.em.getKnex()('agency').select('*').orderBy('code');
const find = (orm: Orm, code: string) => orm.em.fork().findOneOrFail(Agency, { code });
const countRows = async (orm: Orm) => Number((await orm.em.getKnex()('agency').count({ n: '*' }))[0].n);

test('an empty directory is seeded once, in a form the ORM reads back', async () => {
  await withDatabase(async (orm) => {
    assert.equal(await seedDirectoryIfEmpty(orm, logger), SEED_AGENCIES.length);
    assert.equal(await seedDirectoryIfEmpty(orm, logger), 0, 'a second start leaves it alone');
    assert.equal(await countRows(orm), 96);
    const office = await find(orm, '000.00.00.G22');
    assert.equal(office.name, 'Văn phòng Chính phủ');
    assert.equal(office.searchName, 'van phong chinh phu');
    assert.equal(office.active, true);
    assert.ok(office.updatedAt instanceof Date && Math.abs(Date.now() - office.updatedAt.getTime()) < 60_000);
    assert.equal((await find(orm, '000.00.18.G12')).parentCode, '000.00.00.G12');
  }, false);
});

test('CSV: columns in any order, aliases, quoting across lines, inactive units, line numbers', async () => {
  await withDatabase(async (orm, env) => {
    const file = write(env, 'nghe-an.csv', [
      '\uFEFFCode,NAME,pcode,mail,mobile,address,website,active,successorCode',
      '000.00.05.H41,Sở Tư pháp tỉnh Nghệ An,000.00.00.H41,stp@nghean.gov.vn,0238 3844 123,"Số 5, đường Trường Thi, thành phố Vinh",https://stp.nghean.gov.vn,true,',
      '000.01.05.H41,Phòng Hành chính tư pháp,,,,"Tầng 2',
      'Số 5 Trường Thi",,1,',
      '28.22.H17,"Đơn vị có mã QĐ 20, ba nhóm",,,,,,no,000.00.00.H41',
      '000.00.00.h41,Mã viết thường,,,,,,,',
      '',
    ].join('\r\n'));
    const progress: number[] = [];
    const summary = await importDirectory(orm, file, { onProgress: (p) => progress.push(p.read) });
    assert.deepEqual(
      { read: summary.read, inserted: summary.inserted, updated: summary.updated, rejected: summary.rejected, derived: summary.parentsDerived },
      { read: 4, inserted: 3, updated: 0, rejected: 1, derived: 1 },
    );
    assert.equal(progress.at(-1), 4);
    assert.equal(summary.rejections[0].line, 6, 'lines count from the file, a quoted line break included');

    const department = await find(orm, '000.00.05.H41');
    assert.equal(department.parentCode, '000.00.00.H41');
    assert.equal(department.email, 'stp@nghean.gov.vn');
    assert.equal(department.phone, '0238 3844 123');
    assert.equal(department.address, 'Số 5, đường Trường Thi, thành phố Vinh');
    assert.equal(department.website, 'https://stp.nghean.gov.vn');
    assert.equal(department.searchName, 'so tu phap tinh nghe an');
    const office = await find(orm, '000.01.05.H41');
    assert.equal(office.parentCode, '000.00.05.H41', 'derived from the code: its parent is in the file');
    assert.equal(office.address, 'Tầng 2\r\nSố 5 Trường Thi', 'kept as written, line break included');
    const merged = await find(orm, '28.22.H17');
    assert.equal(merged.active, false);
    assert.equal(merged.successorCode, '000.00.00.H41');
    assert.equal(merged.parentCode, null, 'a QĐ 20 code carries no parent in its shape');
  });
});

test('JSON: the real hub agency list (pcode, mail, mobile), wrapped or bare', async () => {
  await withDatabase(async (orm, env) => {
    const agencies = [
      { id: '1', code: '000.00.18.G12', name: 'Tổng cục Thuế', pcode: '000.00.00.G12', mail: 'tct@gdt.gov.vn', mobile: '024 3768 9679', fax: '024 3768 0000' },
      { id: '2', code: '000.05.18.G12', name: 'Cục Thuế tỉnh Nghệ An', pcode: '', mail: null, mobile: 2383844000, fax: '' },
    ];
    const wrapped = write(env, 'wrapped.json', JSON.stringify({ total: 2, agencies }, null, 2));
    const summary = await importDirectory(orm, wrapped);
    assert.deepEqual(
      { read: summary.read, inserted: summary.inserted, updated: summary.updated, rejected: summary.rejected, derived: summary.parentsDerived },
      { read: 2, inserted: 1, updated: 1, rejected: 0, derived: 1 },
    );
    const tax = await find(orm, '000.00.18.G12');
    assert.equal(tax.email, 'tct@gdt.gov.vn');
    assert.equal(tax.phone, '024 3768 9679');
    const provincial = await find(orm, '000.05.18.G12');
    assert.equal(provincial.parentCode, '000.00.18.G12');
    assert.equal(provincial.phone, '2383844000');

    const bare = write(env, 'bare.json', JSON.stringify(agencies));
    const again = await importDirectory(orm, bare);
    assert.equal(again.unchanged, 2, 'the same units as a bare array change nothing');
  });
});

test('importing the same file twice leaves the table as it was and reports 0 new', async () => {
  await withDatabase(async (orm, env) => {
    const file = path.join(env.dir, 'directory.csv');
    await writeSyntheticDirectory(file, 2_500);
    const first = await importDirectory(orm, file);
    assert.equal(first.inserted, 2_500);
    const before = await table(orm);
    const second = await importDirectory(orm, file);
    assert.deepEqual(
      { inserted: second.inserted, updated: second.updated, unchanged: second.unchanged, rejected: second.rejected },
      { inserted: 0, updated: 0, unchanged: 2_500, rejected: 0 },
    );
    assert.deepEqual(await table(orm), before, 'updated_at included: unchanged rows are not written');

    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const renamed = lines.findIndex((line, i) => i > 0 && /^[^,]+,[^,"]+,/.test(line));
    lines[renamed] = lines[renamed].replace(/^([^,]+),[^,"]+,/, '$1,Tên mới sau sáp nhập,');
    fs.writeFileSync(file, lines.join('\n'));
    const third = await importDirectory(orm, file);
    assert.deepEqual({ inserted: third.inserted, updated: third.updated }, { inserted: 0, updated: 1 });
  });
});

test('bad rows are reported with their line and reasons; the valid rows are still imported', async () => {
  await withDatabase(async (orm, env) => {
    const csv = write(env, 'mixed.csv', [
      'code,name,parentCode,email,phone,address,website,active,successorCode',
      '000.00.00.G22,Văn phòng Chính phủ (cập nhật),,,,,,,',
      '000.00.00.g22,Mã viết thường,,,,,,,',
      '000.00.07.H41,,,,,,,,',
      '000.00.00.G22,Trùng mã,,,,,,,',
      '000.00.08.H41,Thiếu cột,,',
      '000.00.09.H41,Sở Y tế tỉnh Nghệ An,,not-an-email,,,,maybe,',
      '000.00.10.H41,Sở Xây dựng tỉnh Nghệ An,000.00.10.H41,,,,,,',
      `000.00.11.H41,${'Tên rất dài '.repeat(20)},,,,,,,`,
      '',
      '000.00.12.H41,Sở Tài chính tỉnh Nghệ An,,,,,,,',
    ].join('\n'));
    const summary = await importDirectory(orm, csv);
    assert.deepEqual(
      { read: summary.read, inserted: summary.inserted, updated: summary.updated, rejected: summary.rejected },
      { read: 9, inserted: 1, updated: 1, rejected: 7 },
    );
    const reported = summary.rejections.map(({ line, problems }) => [line, problems.map((p) => p.field).join('+')]);
    assert.deepEqual(reported, [
      [3, 'code'],
      [4, 'name'],
      [5, 'code'],
      [6, 'row'],
      [7, 'email+active'],
      [8, 'parentCode'],
      [9, 'name'],
    ]);
    assert.match(summary.rejections[2].problems[0].message, /duplicate of line 2/);
    assert.match(summary.rejections[6].problems[0].message, /longer than 200/);
    assert.equal((await find(orm, '000.00.00.G22')).name, 'Văn phòng Chính phủ (cập nhật)');
    assert.equal((await find(orm, '000.00.12.H41')).parentCode, '000.00.00.H41', 'derived: its parent is in the database');

    const json = write(env, 'mixed.json', [
      '[',
      '  {"code": "000.00.13.H41", "name": "Sở Ngoại vụ tỉnh Nghệ An"},',
      '  {"code": "000.00.14.H41", "name": },',
      '  "not an agency",',
      '  {"code": "000.00.15.H41", "name": ["Sở", "Du lịch"]}',
      ']',
    ].join('\n'));
    const fromJson = await importDirectory(orm, json);
    assert.equal(fromJson.inserted, 1);
    assert.deepEqual(fromJson.rejections.map(({ line, problems }) => [line, problems[0].message.split(':')[0]]), [
      [3, 'not valid JSON'],
      [4, 'not a JSON object'],
      [5, 'must be text'],
    ]);
  });
});

test('a missing parent is derived from the QCVN 102 code when that unit is in the file or the database', async () => {
  await withDatabase(async (orm, env) => {
    const units = [
      { code: '001.01.21.H41', name: 'Tổ văn thư' }, // parent on the next line, same batch
      { code: '000.01.21.H41', name: 'Phòng Tổng hợp' },
      { code: '000.00.21.H41', name: 'Sở Ngoại vụ tỉnh Nghệ An' }, // parent in the database
      { code: '000.01.20.H41', name: 'Phòng Hợp tác' }, // parent at the very end, batches later
      { code: '000.01.22.H41', name: 'Phòng không có cấp trên' }, // parent nowhere
      { code: '000.02.21.H41', name: 'Đơn vị có cấp trên khai báo', parentCode: '000.00.00.G22' },
      ...syntheticDirectory(1_200),
      { code: '000.00.20.H41', name: 'Sở Du lịch tỉnh Nghệ An' }, // parent in the database
    ];
    const file = write(env, 'tree.json', `[\n${units.map((unit) => JSON.stringify(unit)).join(',\n')}\n]\n`);
    const summary = await importDirectory(orm, file);
    assert.equal(summary.rejected, 0);
    assert.equal(summary.parentsDerived, 5);
    const parents = Object.fromEntries(
      await Promise.all([...units.slice(0, 6), units.at(-1)!].map(async ({ code }) => [code, (await find(orm, code)).parentCode])),
    );
    assert.deepEqual(parents, {
      '001.01.21.H41': '000.01.21.H41',
      '000.01.21.H41': '000.00.21.H41',
      '000.00.21.H41': '000.00.00.H41',
      '000.01.20.H41': '000.00.20.H41',
      '000.01.22.H41': null,
      '000.02.21.H41': '000.00.00.G22',
      '000.00.20.H41': '000.00.00.H41',
    });
    const again = await importDirectory(orm, file);
    assert.deepEqual({ inserted: again.inserted, updated: again.updated }, { inserted: 0, updated: 0 });
  });
});

test('a file that cannot be read as a directory fails as a whole', async () => {
  await withDatabase(async (orm, env) => {
    await assert.rejects(importDirectory(orm, path.join(env.dir, 'missing.csv')), { code: 'ENOENT' });
    await assert.rejects(importDirectory(orm, write(env, 'directory.txt', 'code,name\n')), DirectoryFileError);
    await assert.rejects(importDirectory(orm, write(env, 'no-code.csv', 'ma,ten\n1,x\n')), /no "code" column/);
    await assert.rejects(importDirectory(orm, write(env, 'empty.csv', '')), /header row is required/);
    await assert.rejects(importDirectory(orm, write(env, 'object.json', '{"total": 0}')), /no array of agencies/);
    await assert.rejects(importDirectory(orm, write(env, 'cut.json', '[{"code": "000.00.00.G22", "name": "x"},')), /ends inside/);
    await assert.rejects(importDirectory(orm, write(env, 'quote.csv', 'code,name\n000.00.00.G22,"Văn phòng\n')), /Quote Not Closed/);
  });
});

test('agencies:import exits 1 when a row is rejected (committing the rest) or the file is unreadable', async () => {
  const env = tempEnv();
  try {
    const cli = path.join(__dirname, '../../src/cli/agencies-import.js');
    const run = (file: string) =>
      promisify(execFile)(process.execPath, [cli, file], { env: { ...process.env, LIENTHONG_DATA_DIR: env.dir } }).then(
        (out) => ({ code: 0, ...out }),
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
    const file = write(env, 'cli.csv', 'code,name\n000.00.00.G22,Văn phòng Chính phủ\nbad code,x\n');
    const rejected = await run(file);
    assert.equal(rejected.code, 1);
    assert.match(rejected.stdout, /1 new, 0 updated, 0 unchanged, 1 rejected/);
    assert.match(rejected.stdout, /line 3 \(bad code\): code "bad code" is not an agency code/);
    assert.match(rejected.stdout, /The 1 valid rows were committed/);
    const clean = await run(write(env, 'clean.csv', 'code,name\n000.00.00.G22,Văn phòng Chính phủ\n'));
    assert.equal(clean.code, 0);
    assert.match(clean.stdout, /0 new, 0 updated, 1 unchanged, 0 rejected/);
    const missing = await run(path.join(env.dir, 'missing.csv'));
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /cannot import .*missing\.csv: ENOENT/);
  } finally {
    env.cleanup();
  }
});

test('120,000 units import, and import again as JSON with 0 new', async () => {
  await withDatabase(async (orm, env) => {
    const count = 120_000;
    const csv = path.join(env.dir, 'directory.csv');
    const json = path.join(env.dir, 'directory.json');
    await writeSyntheticDirectory(csv, count);
    await writeSyntheticDirectory(json, count);

    // CPU time beside wall time: on a shared 2-core machine the wall time mostly measures the neighbours.
    const measure = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
      const wall = performance.now();
      const cpu = process.cpuUsage();
      const result = await work();
      const { user, system } = process.cpuUsage(cpu);
      console.log(`agency import: ${label} in ${Math.round(performance.now() - wall)} ms (${Math.round((user + system) / 1000)} ms CPU)`);
      return result;
    };
    const first = await measure(`${count} units from CSV, all new`, () => importDirectory(orm, csv));
    assert.deepEqual(
      { read: first.read, inserted: first.inserted, rejected: first.rejected },
      { read: count, inserted: count, rejected: 0 },
    );
    assert.equal(await countRows(orm), count + SEED_AGENCIES.length);

    const second = await measure(`the same ${count} units again from JSON, all unchanged`, () => importDirectory(orm, json));
    assert.deepEqual(
      { inserted: second.inserted, updated: second.updated, unchanged: second.unchanged, rejected: second.rejected },
      { inserted: 0, updated: 0, unchanged: count, rejected: 0 },
    );
  });
});
