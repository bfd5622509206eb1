/** Prisma 7 types `Bytes` as Uint8Array<ArrayBuffer>: copy a Buffer (whose backing may be shared) into one. */
export function dbBytes(value: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(value);
}
