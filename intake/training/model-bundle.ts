/**
 * A model directory as one byte string, so the database can hold it and every process load the same
 * bytes: a magic line (outside the compression, so telling formats apart reads a few bytes), then gzip
 * of a JSON list of the files and their sizes and the files' bytes. The model's own loader still
 * checks every file's hash after unpacking.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

const MAGIC = Buffer.from('suqiu-model-bundle/1\n');
const NAME = /^[A-Za-z0-9._-]{1,100}$/;

export function isBundle(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && Buffer.from(bytes.buffer, bytes.byteOffset, MAGIC.length).equals(MAGIC);
}

export async function bundleDirectory(dir: string): Promise<Buffer> {
  const names = (await readdir(dir)).filter((name) => NAME.test(name)).sort();
  const contents = await Promise.all(names.map((name) => readFile(path.join(dir, name))));
  const header = Buffer.from(JSON.stringify(names.map((name, i) => ({ name, bytes: contents[i]!.length }))));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(header.length);
  return Buffer.concat([MAGIC, gzipSync(Buffer.concat([length, header, ...contents]))]);
}

export async function unbundleToDirectory(bytes: Uint8Array, dir: string): Promise<void> {
  if (!isBundle(bytes)) throw new Error('not a suqiu model bundle');
  const data = gunzipSync(bytes.subarray(MAGIC.length));
  const headerLength = data.readUInt32BE(0);
  let offset = 4 + headerLength;
  const files = JSON.parse(data.subarray(4, offset).toString('utf8')) as { name: string; bytes: number }[];
  await mkdir(dir, { recursive: true });
  for (const file of files) {
    if (!NAME.test(file.name) || offset + file.bytes > data.length) throw new Error(`model bundle: bad entry ${JSON.stringify(file.name)}`);
    await writeFile(path.join(dir, file.name), data.subarray(offset, offset + file.bytes));
    offset += file.bytes;
  }
}
