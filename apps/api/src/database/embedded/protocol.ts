/**
 * The few pieces of the PostgreSQL wire protocol (v3) the embedded server must understand itself:
 * framing of frontend messages, spotting ReadyForQuery in backend output, and building the
 * handful of messages it sends on its own.
 */

const PROTOCOL_MAJOR_VERSION = 3;
/** PostgreSQL's own limit, which also stops a stray non-PostgreSQL client from filling memory. */
const MAX_STARTUP_PACKET_LENGTH = 10_000;
const SSL_REQUEST_CODE = 80877103;
const GSSENC_REQUEST_CODE = 80877104;
const CANCEL_REQUEST_CODE = 80877102;

const READY_FOR_QUERY = 0x5a; // 'Z'
const TERMINATE = 0x58; // 'X'

/** Backend message types the server looks at. */
export const COPY_IN_RESPONSE = 0x47; // 'G'
export const ERROR_RESPONSE = 0x45; // 'E'

/** Frontend message types the server looks at. */
export const QUERY = 0x51; // 'Q'
export const PARSE = 0x50; // 'P'
export const EXECUTE = 0x45; // 'E'
export const FLUSH = 0x48; // 'H'
export const SYNC = 0x53; // 'S'
export const COPY_DATA = 0x64; // 'd'
export const COPY_DONE = 0x63; // 'c'
export const COPY_FAIL = 0x66; // 'f'

/** Backend transaction status carried by ReadyForQuery: idle, in a transaction, in a failed one. */
export type TransactionStatus = 'I' | 'T' | 'E';

export type FrontendMessage =
  | { kind: 'startup'; bytes: Buffer }
  | { kind: 'ssl-request' }
  | { kind: 'gssenc-request' }
  | { kind: 'cancel-request' }
  | { kind: 'terminate' }
  | { kind: 'regular'; bytes: Buffer };

/**
 * Splits the byte stream of one client connection into whole frontend messages. Before the
 * startup message, packets carry no type byte; afterwards every message is type + length.
 */
export class FrontendMessageReader {
  #pending: Buffer = Buffer.alloc(0);
  #arriving: Buffer[] = [];
  #arrivingBytes = 0;
  /** Bytes required before the next message can be framed. */
  #needed = 0;
  #startupDone = false;

  push(chunk: Buffer): FrontendMessage[] {
    // Joining only once a message is complete keeps a large Bind linear, not quadratic, to receive.
    this.#arriving.push(chunk);
    this.#arrivingBytes += chunk.length;
    if (this.#pending.length + this.#arrivingBytes < this.#needed) return [];
    this.#pending = Buffer.concat([this.#pending, ...this.#arriving]);
    this.#arriving = [];
    this.#arrivingBytes = 0;
    const messages: FrontendMessage[] = [];
    for (let message = this.#next(); message !== null; message = this.#next()) {
      messages.push(message);
    }
    return messages;
  }

  #next(): FrontendMessage | null {
    return this.#startupDone ? this.#nextRegular() : this.#nextStartupPacket();
  }

  #nextStartupPacket(): FrontendMessage | null {
    if (!this.#has(8)) return null;
    const length = this.#pending.readInt32BE(0);
    if (length < 8 || length > MAX_STARTUP_PACKET_LENGTH) {
      throw new Error(`invalid startup packet length ${length}`);
    }
    if (!this.#has(length)) return null;
    const bytes = this.#take(length);
    const code = bytes.readInt32BE(4);
    if (code === SSL_REQUEST_CODE) return { kind: 'ssl-request' };
    if (code === GSSENC_REQUEST_CODE) return { kind: 'gssenc-request' };
    if (code === CANCEL_REQUEST_CODE) return { kind: 'cancel-request' };
    if (code >>> 16 !== PROTOCOL_MAJOR_VERSION) {
      throw new Error(`unsupported frontend protocol ${code >>> 16}.${code & 0xffff}`);
    }
    this.#startupDone = true;
    return { kind: 'startup', bytes };
  }

  #nextRegular(): FrontendMessage | null {
    if (!this.#has(5)) return null;
    const length = 1 + this.#pending.readInt32BE(1);
    if (length < 5) throw new Error(`invalid message length ${length - 1}`);
    if (!this.#has(length)) return null;
    const bytes = this.#take(length);
    return bytes[0] === TERMINATE ? { kind: 'terminate' } : { kind: 'regular', bytes };
  }

  /** True when `length` bytes are buffered; otherwise push() waits until they are. */
  #has(length: number): boolean {
    this.#needed = length;
    return this.#pending.length >= length;
  }

  #take(length: number): Buffer {
    // Copy, so a retained message does not pin the (possibly huge) receive buffer.
    const bytes = Buffer.from(this.#pending.subarray(0, length));
    this.#pending = this.#pending.subarray(length);
    return bytes;
  }
}

/**
 * Follows the backend's output across chunks and remembers whether the last complete message
 * was ReadyForQuery, and with which transaction status. ReadyForQuery is the only point where
 * the backend has finished a client's request cycle.
 */
export class BackendMessageScanner {
  #header = Buffer.alloc(5);
  #headerFilled = 0;
  #type = 0;
  #bodyLeft = 0;
  #bodyStart = true;
  #readyStatus: TransactionStatus | null = null;
  #lastType: number | null = null;

  /** Status of the final ReadyForQuery, or null when the backend is mid-cycle. */
  get readyStatus(): TransactionStatus | null {
    return this.#isBetweenMessages() && this.#lastType === READY_FOR_QUERY
      ? this.#readyStatus
      : null;
  }

  push(chunk: Uint8Array): void {
    let offset = 0;
    while (offset < chunk.length) {
      offset =
        this.#headerFilled < 5 ? this.#readHeader(chunk, offset) : this.#readBody(chunk, offset);
    }
  }

  #isBetweenMessages(): boolean {
    return this.#headerFilled === 0;
  }

  #readHeader(chunk: Uint8Array, offset: number): number {
    const count = Math.min(5 - this.#headerFilled, chunk.length - offset);
    this.#header.set(chunk.subarray(offset, offset + count), this.#headerFilled);
    this.#headerFilled += count;
    if (this.#headerFilled === 5) {
      this.#type = this.#header.readUInt8(0);
      this.#bodyLeft = this.#header.readInt32BE(1) - 4;
      this.#bodyStart = true;
      if (this.#bodyLeft === 0) this.#finishMessage();
    }
    return offset + count;
  }

  #readBody(chunk: Uint8Array, offset: number): number {
    if (this.#bodyStart && this.#type === READY_FOR_QUERY) {
      this.#readyStatus = toTransactionStatus(chunk[offset]);
    }
    this.#bodyStart = false;
    const count = Math.min(this.#bodyLeft, chunk.length - offset);
    this.#bodyLeft -= count;
    if (this.#bodyLeft === 0) this.#finishMessage();
    return offset + count;
  }

  #finishMessage(): void {
    this.#lastType = this.#type;
    this.#headerFilled = 0;
  }
}

function toTransactionStatus(byte: number): TransactionStatus | null {
  const status = String.fromCharCode(byte);
  return status === 'I' || status === 'T' || status === 'E' ? status : null;
}

/**
 * Splits complete backend output (as PGlite returns it for one request) into its messages. A
 * trailing partial message, which PGlite never produces, is returned as it is.
 */
export function backendMessages(output: Buffer): Buffer[] {
  const messages: Buffer[] = [];
  let offset = 0;
  while (offset < output.length) {
    const end =
      output.length - offset >= 5 ? offset + 1 + output.readInt32BE(offset + 1) : output.length;
    messages.push(output.subarray(offset, Math.min(end, output.length)));
    offset = end;
  }
  return messages;
}

/** The SQL of a simple Query message, without its terminating NUL. */
export function queryText(message: Buffer): Buffer {
  return cStringAt(message, 5);
}

/** The SQL of a Parse message, which follows the statement name. */
export function parseQueryText(message: Buffer): Buffer {
  const name = cStringAt(message, 5);
  return cStringAt(message, 5 + name.length + 1);
}

/** The same Parse message with `sql` instead of the client's statement text. */
export function replaceParseQuery(message: Buffer, sql: string): Buffer {
  const name = cStringAt(message, 5);
  const noParameterTypes = Buffer.alloc(2);
  return typedMessage('P', Buffer.concat([name, Buffer.from([0]), cString(sql), noParameterTypes]));
}

/** The single byte a server answers to SSLRequest/GSSENCRequest when it does not support them. */
export const ENCRYPTION_NOT_SUPPORTED = Buffer.from('N');

export function syncMessage(): Buffer {
  return typedMessage('S', Buffer.alloc(0));
}

export function simpleQueryMessage(sql: string | Buffer): Buffer {
  return typedMessage('Q', cString(sql));
}

export function copyFailMessage(reason: string): Buffer {
  return typedMessage('f', cString(reason));
}

/** An ErrorResponse; FATAL tells the client that the server is about to close the connection. */
export function errorResponseMessage(
  severity: 'ERROR' | 'FATAL',
  sqlState: string,
  message: string,
): Buffer {
  const fields = Buffer.concat([
    field('S', severity),
    field('V', severity),
    field('C', sqlState),
    field('M', message),
    Buffer.from([0]),
  ]);
  return typedMessage('E', fields);
}

export function fatalErrorMessage(sqlState: string, message: string): Buffer {
  return errorResponseMessage('FATAL', sqlState, message);
}

function field(code: string, value: string): Buffer {
  return Buffer.concat([Buffer.from(code, 'ascii'), cString(value)]);
}

function cString(value: string | Buffer): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  return Buffer.concat([bytes, Buffer.from([0])]);
}

/** The bytes from `offset` up to the next NUL (or the end of the message). */
function cStringAt(message: Buffer, offset: number): Buffer {
  const end = message.indexOf(0, offset);
  return message.subarray(offset, end === -1 ? message.length : end);
}

function typedMessage(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'ascii');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}
