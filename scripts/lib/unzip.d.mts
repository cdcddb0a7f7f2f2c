export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  isDirectory: boolean;
}
export function listZip(buf: Buffer): ZipEntry[];
export function readZipEntry(buf: Buffer, entry: ZipEntry): Buffer;
export function safeEntryPath(name: string): string | null;
export function extractZip(buf: Buffer, destDir: string, prefix?: string): number;
