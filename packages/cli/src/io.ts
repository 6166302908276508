import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CliError } from './exit-codes';

/** What a command may touch outside itself; tests pass an in-memory implementation. */
export interface CliIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readText: (path: string) => string;
  readonly readBytes: (path: string) => Uint8Array;
  /** Reads a file in chunks (the chunk is reused: copy what you keep), for constant-memory streaming. */
  readonly readChunks: (path: string, chunkBytes: number) => Iterable<Uint8Array>;
  /** Size of a file in bytes. */
  readonly sizeOf: (path: string) => number;
  /** Writes atomically (temp file + rename), creating folders as needed. */
  readonly writeText: (path: string, text: string | Uint8Array) => void;
  /** Writes binary output (Word, PDF) atomically, as `writeText` does. */
  readonly writeBytes: (path: string, bytes: Uint8Array) => void;
  /** Binary output to standard output (callers refuse when it is a terminal). */
  readonly stdoutBytes: (bytes: Uint8Array) => void;
  readonly exists: (path: string) => boolean;
  /** Whether stdout is a terminal (colours, progress). */
  readonly isInteractive: boolean;
}

const explainFsError = (path: string, cause: unknown): CliError => {
  const code = (cause as { code?: string }).code;
  if (code === 'ENOENT') return new CliError(`${path}: no such file: check the path.`);
  if (code === 'EISDIR') return new CliError(`${path}: is a folder, not a file.`);
  if (code === 'EACCES') return new CliError(`${path}: permission denied.`);
  return new CliError(`${path}: ${(cause as Error).message}`);
};

/** The real file system and process streams. */
export const nodeIo = (): CliIo => {
  const cwd = process.cwd();
  return {
    cwd,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readText: (path) => {
      try {
        return readFileSync(resolve(cwd, path), 'utf8');
      } catch (cause) {
        throw explainFsError(path, cause);
      }
    },
    readBytes: (path) => {
      try {
        return readFileSync(resolve(cwd, path));
      } catch (cause) {
        throw explainFsError(path, cause);
      }
    },
    readChunks: (path, chunkBytes) => ({
      *[Symbol.iterator]() {
        let descriptor: number;
        try {
          descriptor = openSync(resolve(cwd, path), 'r');
        } catch (cause) {
          throw explainFsError(path, cause);
        }
        const buffer = new Uint8Array(chunkBytes);
        try {
          for (;;) {
            const read = readSync(descriptor, buffer, 0, chunkBytes, null);
            if (read === 0) return;
            yield buffer.subarray(0, read);
          }
        } finally {
          closeSync(descriptor);
        }
      },
    }),
    sizeOf: (path) => {
      try {
        return statSync(resolve(cwd, path)).size;
      } catch (cause) {
        throw explainFsError(path, cause);
      }
    },
    writeText: (path, text) => {
      const target = resolve(cwd, path);
      try {
        mkdirSync(dirname(target), { recursive: true });
        const temporary = `${target}.${process.pid}.tmp`;
        writeFileSync(temporary, text);
        renameSync(temporary, target);
      } catch (cause) {
        throw explainFsError(path, cause);
      }
    },
    writeBytes: (path, bytes) => {
      const target = resolve(cwd, path);
      try {
        mkdirSync(dirname(target), { recursive: true });
        const temporary = `${target}.${process.pid}.tmp`;
        writeFileSync(temporary, bytes);
        renameSync(temporary, target);
      } catch (cause) {
        throw explainFsError(path, cause);
      }
    },
    stdoutBytes: (bytes) => process.stdout.write(bytes),
    exists: (path) => existsSync(resolve(cwd, path)),
    isInteractive: process.stdout.isTTY === true,
  };
};

/** An in-memory IO for tests: files in a map, output collected in strings (binary output as byte arrays). */
export const memoryIo = (
  files: Record<string, string | Uint8Array> = {},
  options: { readonly isInteractive?: boolean } = {},
) => {
  const store = new Map<string, string | Uint8Array>(Object.entries(files));
  const output = { stdout: '', stderr: '', stdoutBytes: [] as Uint8Array[] };
  const io: CliIo = {
    cwd: '/work',
    stdout: (text) => {
      output.stdout += text;
    },
    stderr: (text) => {
      output.stderr += text;
    },
    readText: (path) => {
      const content = store.get(path);
      if (content === undefined) throw new CliError(`${path}: no such file: check the path.`);
      return typeof content === 'string' ? content : new TextDecoder().decode(content);
    },
    readBytes: (path) => {
      const content = store.get(path);
      if (content === undefined) throw new CliError(`${path}: no such file: check the path.`);
      return typeof content === 'string' ? new TextEncoder().encode(content) : content;
    },
    readChunks: (path) => [io.readBytes(path)],
    sizeOf: (path) => io.readBytes(path).length,
    writeText: (path, text) => {
      store.set(path, text);
    },
    writeBytes: (path, bytes) => {
      store.set(path, bytes);
    },
    stdoutBytes: (bytes) => {
      output.stdoutBytes.push(bytes);
    },
    exists: (path) => store.has(path),
    isInteractive: options.isInteractive ?? false,
  };
  return { io, output, files: store };
};
