// Minimal pure-Node ZIP reader (enough for .nupkg files): central directory,
// stored (0) and deflate (8) entries, ZIP64 sizes/offsets. No dependencies.
import { inflateRawSync } from 'node:zlib';
import fs from 'node:fs';
import path from 'node:path';

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;

/** @param {Buffer} buf */
function findEocd(buf) {
  const min = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === SIG_EOCD) return i;
  }
  throw new Error('not a zip file (end of central directory not found)');
}

/**
 * Lists the entries of a zip archive held in memory.
 * @param {Buffer} buf
 * @returns {{ name: string, method: number, compressedSize: number, size: number, localOffset: number, isDirectory: boolean }[]}
 */
export function listZip(buf) {
  const eocd = findEocd(buf);
  let count = buf.readUInt16LE(eocd + 10);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || buf.readUInt32LE(loc) !== SIG_EOCD64_LOCATOR) throw new Error('zip64 locator missing');
    const eocd64 = Number(buf.readBigUInt64LE(loc + 8));
    if (buf.readUInt32LE(eocd64) !== SIG_EOCD64) throw new Error('zip64 end of central directory missing');
    count = Number(buf.readBigUInt64LE(eocd64 + 32));
    cdOffset = Number(buf.readBigUInt64LE(eocd64 + 48));
  }
  const entries = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== SIG_CENTRAL) throw new Error(`bad central directory entry #${i}`);
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    let compressedSize = buf.readUInt32LE(p + 20);
    let size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    let localOffset = buf.readUInt32LE(p + 42);
    const nameBytes = buf.subarray(p + 46, p + 46 + nameLen);
    const name = nameBytes.toString(flags & 0x800 ? 'utf8' : 'latin1');
    // ZIP64 extended information extra field (id 0x0001)
    let q = p + 46 + nameLen;
    const extraEnd = q + extraLen;
    while (q + 4 <= extraEnd) {
      const id = buf.readUInt16LE(q);
      const len = buf.readUInt16LE(q + 2);
      if (id === 0x0001) {
        let r = q + 4;
        if (size === 0xffffffff) { size = Number(buf.readBigUInt64LE(r)); r += 8; }
        if (compressedSize === 0xffffffff) { compressedSize = Number(buf.readBigUInt64LE(r)); r += 8; }
        if (localOffset === 0xffffffff) { localOffset = Number(buf.readBigUInt64LE(r)); r += 8; }
      }
      q += 4 + len;
    }
    entries.push({ name, method, compressedSize, size, localOffset, isDirectory: name.endsWith('/') });
    p = extraEnd + commentLen;
  }
  return entries;
}

/**
 * Returns the uncompressed bytes of one entry.
 * @param {Buffer} buf
 * @param {{ name: string, method: number, compressedSize: number, size: number, localOffset: number }} entry
 */
export function readZipEntry(buf, entry) {
  const p = entry.localOffset;
  if (buf.readUInt32LE(p) !== SIG_LOCAL) throw new Error(`bad local header for ${entry.name}`);
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const raw = buf.subarray(start, start + entry.compressedSize);
  let out;
  if (entry.method === 0) out = Buffer.from(raw);
  else if (entry.method === 8) out = inflateRawSync(raw);
  else throw new Error(`unsupported compression method ${entry.method} for ${entry.name}`);
  if (out.length !== entry.size) throw new Error(`size mismatch for ${entry.name}: ${out.length} != ${entry.size}`);
  return out;
}

/**
 * Normalises an entry name to a safe relative POSIX path, or null if unsafe.
 * NuGet percent-encodes some characters in part names, so decode them.
 * @param {string} name
 */
export function safeEntryPath(name) {
  let n = name.replace(/\\/g, '/');
  try { n = decodeURIComponent(n); } catch { /* keep as is */ }
  if (n.startsWith('/') || /^[a-zA-Z]:/.test(n)) return null;
  const parts = n.split('/').filter((s) => s !== '' && s !== '.');
  if (parts.some((s) => s === '..')) return null;
  return parts.join('/');
}

/**
 * Extracts the entries under `prefix` (a folder inside the zip, '' for all)
 * into `destDir`, stripping the prefix. Returns the number of files written.
 * @param {Buffer} buf
 * @param {string} destDir
 * @param {string} [prefix]
 */
export function extractZip(buf, destDir, prefix = '') {
  const pre = prefix ? prefix.replace(/\/+$/, '') + '/' : '';
  let written = 0;
  for (const entry of listZip(buf)) {
    const rel = safeEntryPath(entry.name);
    if (rel === null) throw new Error(`unsafe path in zip: ${entry.name}`);
    if (entry.isDirectory || !rel.startsWith(pre) || rel === pre.slice(0, -1)) continue;
    const target = path.join(destDir, rel.slice(pre.length));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, readZipEntry(buf, entry));
    written++;
  }
  return written;
}
