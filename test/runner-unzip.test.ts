import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { extractZip, listZip, safeEntryPath } from '../scripts/lib/unzip.mjs';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Minimal zip writer (stored or deflated entries), like a .nupkg. */
function makeZip(files: { name: string; data: string; deflate?: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name, 'utf8');
    const raw = Buffer.from(f.data, 'utf8');
    const body = f.deflate ? deflateRawSync(raw) : raw;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(f.deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc32(raw), 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(f.deflate ? 8 : 0, 10);
    central.writeUInt32LE(crc32(raw), 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(files.length, 8);
  eocd.writeUInt16LE(files.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'runner-unzip-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('scripts/lib/unzip.mjs (nupkg extraction)', () => {
  const nupkg = makeZip([
    { name: '[Content_Types].xml', data: '<Types/>' },
    { name: 'Pester.nuspec', data: '<package/>' },
    { name: 'tools/Pester.psd1', data: "@{ ModuleVersion = '5.7.1' }", deflate: true },
    { name: 'tools/Pester.psm1', data: 'function Invoke-Pester {}\n'.repeat(200), deflate: true },
    { name: 'tools/bin/net462/Pester.dll', data: 'MZ' },
    { name: 'tools/en-US/about%20Pester.help.txt', data: 'help' },
  ]);

  it('lists entries', () => {
    expect(listZip(nupkg).map((e) => e.name)).toEqual([
      '[Content_Types].xml', 'Pester.nuspec', 'tools/Pester.psd1', 'tools/Pester.psm1', 'tools/bin/net462/Pester.dll', 'tools/en-US/about%20Pester.help.txt',
    ]);
  });

  it('extracts one folder (stored + deflated), stripping the prefix and decoding names', () => {
    const dest = path.join(tmp, 'Pester', '5.7.1');
    expect(extractZip(nupkg, dest, 'tools')).toBe(4);
    expect(fs.readFileSync(path.join(dest, 'Pester.psd1'), 'utf8')).toBe("@{ ModuleVersion = '5.7.1' }");
    expect(fs.readFileSync(path.join(dest, 'Pester.psm1'), 'utf8')).toBe('function Invoke-Pester {}\n'.repeat(200));
    expect(fs.existsSync(path.join(dest, 'bin', 'net462', 'Pester.dll'))).toBe(true);
    expect(fs.existsSync(path.join(dest, 'en-US', 'about Pester.help.txt'))).toBe(true);
    expect(fs.existsSync(path.join(dest, 'Pester.nuspec'))).toBe(false);
  });

  it('refuses unsafe paths', () => {
    expect(safeEntryPath('../evil')).toBeNull();
    expect(safeEntryPath('/etc/passwd')).toBeNull();
    expect(safeEntryPath('a\\..\\..\\b')).toBeNull();
    expect(safeEntryPath('./tools//Pester.psd1')).toBe('tools/Pester.psd1');
    expect(() => extractZip(makeZip([{ name: '../x', data: '' }]), path.join(tmp, 'slip'))).toThrow(/unsafe path/);
  });

  it('rejects non-zip data', () => {
    expect(() => listZip(Buffer.from('not a zip at all, definitely not'))).toThrow(/not a zip/);
  });
});
