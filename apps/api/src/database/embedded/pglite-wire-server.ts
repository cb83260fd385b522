import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import { BackendGate, GateCancelledError, GateTimeoutError } from './backend-gate.js';
import { CopySpoolArea, type CopySpool } from './copy-spool.js';
import { classifyQuery } from './copy-statement.js';
import { errorMessage } from './errors.js';
import {
  BackendMessageScanner,
  COPY_DATA,
  COPY_DONE,
  COPY_FAIL,
  COPY_IN_RESPONSE,
  ENCRYPTION_NOT_SUPPORTED,
  ERROR_RESPONSE,
  EXECUTE,
  FLUSH,
  FrontendMessageReader,
  PARSE,
  QUERY,
  SYNC,
  backendMessages,
  copyFailMessage,
  errorResponseMessage,
  fatalErrorMessage,
  parseQueryText,
  queryText,
  replaceParseQuery,
  simpleQueryMessage,
  syncMessage,
  type FrontendMessage,
} from './protocol.js';

/** SQLSTATE lock_not_available: what a client sees when it waited too long for the backend. */
const LOCK_NOT_AVAILABLE = '55P03';
const FEATURE_NOT_SUPPORTED = '0A000';
const PROTOCOL_VIOLATION = '08P01';
const IO_ERROR = '58030';

/** A client whose messages arrive faster than they are handled is paused above this backlog. */
const PAUSE_ABOVE_BYTES = 16 << 20;
const RESUME_BELOW_BYTES = 4 << 20;

const PROBE_SAVEPOINT = 'almanac_copy_probe';
const UNDO_PROBE = `ROLLBACK TO SAVEPOINT ${PROBE_SAVEPOINT}; RELEASE SAVEPOINT ${PROBE_SAVEPOINT}`;
/**
 * Sent to PGlite behind every Query and Execute message. PostgreSQL ignores a CopyFail outside
 * COPY; should a statement the server did not recognise start COPY FROM STDIN after all, this
 * ends it with an error, where waiting for data PGlite cannot read would end the whole backend.
 */
const COPY_GUARD = copyFailMessage(
  'embedded PostgreSQL runs COPY FROM STDIN only as the sole statement of a simple query',
);
/** Fails to parse: run to leave the transaction as an error in the client's statement would. */
const FAILING_STATEMENT = 'embedded server: refused statement';

export interface PgliteWireServerOptions {
  readonly db: PGlite;
  readonly host: string;
  /** 0 lets the operating system pick a free port. */
  readonly port: number;
  /** How long a connection may wait for another connection's transaction before it is refused. */
  readonly lockTimeoutMs: number;
  /**
   * A directory owned by this server (emptied on start, removed on close) where the data of
   * COPY FROM STDIN is spooled for PGlite to read.
   */
  readonly copySpoolDir: string;
  readonly onError: (error: unknown) => void;
}

/**
 * A PostgreSQL wire-protocol server in front of one PGlite instance, accepting many client
 * connections and serialising their request cycles through a {@link BackendGate}.
 *
 * pglite-socket's PGLiteSocketServer (0.2.17) schedules single protocol messages and pins a
 * connection only while a transaction is open, so when an extended-protocol batch (Parse, Bind,
 * Execute, Sync) arrives in more than one TCP chunk, another connection's Parse can replace the
 * unnamed statement in between: the first client's parameters then run against the second
 * client's SQL (electric-sql/pglite#1046). Holding the backend until ReadyForQuery closes that gap.
 *
 * PGlite cannot take part in COPY FROM STDIN: it has no client to read the data from, and a COPY
 * waiting for data ends its backend for good. The server runs such a COPY itself: it collects the
 * client's CopyData in a spool file and has PGlite read that file (see {@link WireConnection}).
 * COPY TO STDOUT needs nothing of the kind: PGlite writes its CopyData like any other output.
 */
export class PgliteWireServer {
  readonly #options: PgliteWireServerOptions;
  readonly #gate = new BackendGate();
  readonly #connections = new Set<WireConnection>();
  #server: Server | null = null;
  #spoolArea: CopySpoolArea | null = null;
  #accepting = true;

  constructor(options: PgliteWireServerOptions) {
    this.#options = options;
  }

  /** Starts listening and resolves with the port actually bound. */
  async listen(): Promise<number> {
    const spoolArea = await CopySpoolArea.open(this.#options.db, this.#options.copySpoolDir);
    this.#spoolArea = spoolArea;
    const server = createServer((socket) => this.#accept(socket, spoolArea));
    this.#server = server;
    return new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#options.port, this.#options.host, () => {
        server.off('error', reject);
        server.on('error', this.#options.onError);
        resolve((server.address() as AddressInfo).port);
      });
    });
  }

  /**
   * Closes every client connection and waits until open transactions are rolled back. The port
   * keeps listening (refusing clients) so the data directory is not seen as free until
   * {@link close}, which the owner calls after PGlite itself is closed.
   */
  async disconnectClients(): Promise<void> {
    this.#accepting = false;
    const connections = [...this.#connections];
    for (const connection of connections) connection.destroy();
    await Promise.all(connections.map((connection) => connection.finished));
  }

  async close(): Promise<void> {
    await this.disconnectClients();
    const server = this.#server;
    this.#server = null;
    if (server !== null) await new Promise<void>((resolve) => server.close(() => resolve()));
    await this.#spoolArea?.remove();
    this.#spoolArea = null;
  }

  #accept(socket: Socket, spoolArea: CopySpoolArea): void {
    if (!this.#accepting) {
      socket.destroy();
      return;
    }
    const connection = new WireConnection(socket, {
      gate: this.#gate,
      options: this.#options,
      spoolArea,
    });
    this.#connections.add(connection);
    void connection.finished.then(() => this.#connections.delete(connection));
  }
}

interface ConnectionContext {
  readonly gate: BackendGate;
  readonly options: PgliteWireServerOptions;
  readonly spoolArea: CopySpoolArea;
}

/** A COPY FROM STDIN whose data the client is sending. */
interface CopyIn {
  /** The client's Query message. */
  readonly query: Buffer;
  /** The same statement reading from a file. */
  readonly readingFrom: (path: string) => Buffer;
  readonly spool: CopySpool;
  /** Why the data could not be spooled, reported when the client finishes sending. */
  failure: string | null;
}

/**
 * One client connection: frames its messages and runs them on PGlite while holding the gate.
 *
 * A simple Query that is a COPY FROM STDIN is first tried on PGlite with a CopyFail right behind
 * it (in a transaction block, inside a savepoint that is rolled back afterwards): PostgreSQL
 * checks table, columns, permissions and transaction state and answers with the CopyInResponse
 * the client gets, or with the error a real server sends before any data. The client's CopyData
 * then goes to a spool file, and at CopyDone PGlite runs the statement with STDIN replaced by that
 * file; its CommandComplete or error, and ReadyForQuery, go to the client. A client's CopyFail
 * is replayed behind the statement, so PostgreSQL reports and aborts it as its own. The
 * connection holds the gate from the Query to the final ReadyForQuery.
 */
class WireConnection {
  readonly #socket: Socket;
  readonly #gate: BackendGate;
  readonly #options: PgliteWireServerOptions;
  readonly #spoolArea: CopySpoolArea;
  readonly #reader = new FrontendMessageReader();
  readonly #scanner = new BackendMessageScanner();
  readonly finished: Promise<void>;
  #work: Promise<void> = Promise.resolve();
  #closed = false;
  #copyIn: CopyIn | null = null;
  /** Bytes of messages received but not yet handled. */
  #backlog = 0;
  #paused = false;

  constructor(socket: Socket, context: ConnectionContext) {
    this.#socket = socket;
    this.#gate = context.gate;
    this.#options = context.options;
    this.#spoolArea = context.spoolArea;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.#receive(chunk));
    // A socket error is always followed by 'close', where the cleanup happens.
    socket.on('error', () => undefined);
    this.finished = new Promise<void>((resolve) => {
      socket.once('close', () => {
        this.#closed = true;
        this.#gate.cancel(this);
        this.#enqueue(() => this.#releaseBackend());
        void this.#work.then(resolve);
      });
    });
  }

  destroy(): void {
    this.#socket.destroy();
  }

  #receive(chunk: Buffer): void {
    try {
      for (const message of this.#reader.push(chunk)) {
        const size = 'bytes' in message ? message.bytes.length : 0;
        this.#track(size);
        this.#enqueue(() => this.#handle(message).finally(() => this.#track(-size)));
      }
    } catch (error) {
      this.#fail(error);
    }
  }

  /** Pauses a client that sends faster than its messages are handled (a large COPY), and resumes it. */
  #track(bytes: number): void {
    this.#backlog += bytes;
    if (!this.#paused && this.#backlog > PAUSE_ABOVE_BYTES) {
      this.#paused = true;
      this.#socket.pause();
    } else if (this.#paused && this.#backlog < RESUME_BELOW_BYTES) {
      this.#paused = false;
      this.#socket.resume();
    }
  }

  /** Messages of one connection run strictly in order; each may wait for the gate. */
  #enqueue(task: () => Promise<void>): void {
    this.#work = this.#work.then(task).catch((error: unknown) => this.#fail(error));
  }

  async #handle(message: FrontendMessage): Promise<void> {
    if (this.#closed) return;
    switch (message.kind) {
      case 'ssl-request':
      case 'gssenc-request':
        this.#socket.write(ENCRYPTION_NOT_SUPPORTED);
        return;
      case 'cancel-request':
      case 'terminate':
        // PGlite has no second backend to cancel from, and a Terminate forwarded to it would end
        // the single shared session for everyone.
        this.#socket.end();
        return;
      case 'startup':
        await this.#forward(message.bytes);
        return;
      case 'regular':
        await this.#handleRegular(message.bytes);
        return;
    }
  }

  async #handleRegular(message: Buffer): Promise<void> {
    if (this.#copyIn !== null) {
      await this.#continueCopyIn(this.#copyIn, message);
      return;
    }
    if (message[0] === QUERY) {
      const query = classifyQuery(queryText(message));
      if (query.kind === 'copy-from-stdin') {
        await this.#startCopyIn(message, query.readingFrom);
        return;
      }
      if (query.kind === 'copy-from-stdin-among-others') {
        await this.#refuse(
          FEATURE_NOT_SUPPORTED,
          'embedded PostgreSQL runs COPY FROM STDIN only as the sole statement of a query; ' +
            'send the other statements separately',
        );
        return;
      }
    } else if (message[0] === PARSE && classifyQuery(parseQueryText(message)).kind !== 'other') {
      await this.#refuseParse(message);
      return;
    }
    await this.#forward(message);
  }

  async #forward(message: Buffer): Promise<void> {
    await this.#acquireGate();
    const guarded =
      message[0] === QUERY || message[0] === EXECUTE
        ? Buffer.concat([message, COPY_GUARD])
        : message;
    await this.#execute(guarded, (data) => this.#send(data));
    this.#releaseIfIdle();
  }

  async #startCopyIn(query: Buffer, readingFrom: (path: string) => Buffer): Promise<void> {
    await this.#acquireGate();
    const status = this.#scanner.readyStatus;
    if (status === null) {
      await this.#refuse(
        PROTOCOL_VIOLATION,
        'COPY FROM STDIN cannot start in the middle of an extended-query batch; send Sync first',
      );
      return;
    }
    const inBlock = status === 'T';
    const trial = Buffer.concat([query, copyFailMessage('trial run')]);
    if (inBlock) await this.#run(simpleQueryMessage(`SAVEPOINT ${PROBE_SAVEPOINT}`));
    let answer = await this.#run(trial);
    if (inBlock) await this.#run(simpleQueryMessage(UNDO_PROBE));
    const copyInResponse = backendMessages(answer).find((m) => m[0] === COPY_IN_RESPONSE);
    if (copyInResponse === undefined) {
      // PostgreSQL refused the statement before asking for data, and that answer is the client's.
      // In a transaction block the statement fails once more, now outside the savepoint, so that
      // it aborts the client's transaction as on a real server.
      if (inBlock) answer = await this.#run(trial);
      this.#send(answer);
      this.#releaseIfIdle();
      return;
    }
    this.#copyIn = { query, readingFrom, spool: this.#spoolArea.create(), failure: null };
    this.#send(copyInResponse);
  }

  async #continueCopyIn(copyIn: CopyIn, message: Buffer): Promise<void> {
    switch (message[0]) {
      case COPY_DATA:
        await this.#spoolData(copyIn, message.subarray(5));
        return;
      case COPY_DONE:
        await this.#finishCopyIn(copyIn);
        return;
      case COPY_FAIL:
        await this.#abandonCopyIn(copyIn, message);
        return;
      case FLUSH:
      case SYNC:
        return; // ignored during COPY FROM STDIN, as by PostgreSQL
      default: {
        // As in PostgreSQL, a client that breaks the COPY sub-protocol loses its connection;
        // closing it discards the data and rolls back.
        const type = (message[0] ?? 0).toString(16).toUpperCase().padStart(2, '0');
        this.#closed = true;
        this.#socket.end(
          fatalErrorMessage(
            PROTOCOL_VIOLATION,
            `unexpected message type 0x${type} during COPY from stdin`,
          ),
        );
      }
    }
  }

  async #spoolData(copyIn: CopyIn, data: Buffer): Promise<void> {
    if (copyIn.failure !== null) return;
    try {
      await copyIn.spool.append(data);
    } catch (error) {
      copyIn.failure = errorMessage(error);
      await copyIn.spool.discard();
    }
  }

  async #finishCopyIn(copyIn: CopyIn): Promise<void> {
    this.#copyIn = null;
    try {
      if (copyIn.failure === null) {
        await copyIn.spool.finish().catch((error: unknown) => {
          copyIn.failure = errorMessage(error);
        });
      }
      if (copyIn.failure !== null) {
        await this.#refuse(IO_ERROR, `could not spool COPY data: ${copyIn.failure}`);
        return;
      }
      const statement = simpleQueryMessage(copyIn.readingFrom(copyIn.spool.path));
      await this.#execute(Buffer.concat([statement, COPY_GUARD]), (data) => this.#send(data));
    } finally {
      await copyIn.spool.discard();
    }
    this.#releaseIfIdle();
  }

  /**
   * The client's CopyFail, replayed right behind its statement: PostgreSQL reports "COPY from
   * stdin failed: <reason>" and aborts the transaction as it would have. The replay's
   * CopyInResponse is dropped, the client has had one.
   */
  async #abandonCopyIn(copyIn: CopyIn, copyFail: Buffer): Promise<void> {
    this.#copyIn = null;
    await copyIn.spool.discard();
    const output = backendMessages(await this.#run(Buffer.concat([copyIn.query, copyFail])));
    this.#send(Buffer.concat(output.filter((m) => m[0] !== COPY_IN_RESPONSE)));
    this.#releaseIfIdle();
  }

  /**
   * Answers the current request with an error of the server's own. PGlite fails a statement in
   * its place, so the transaction ends up as after any error (aborted in a transaction block);
   * the client gets this error instead of that one, then PGlite's ReadyForQuery.
   */
  async #refuse(sqlState: string, message: string): Promise<void> {
    await this.#acquireGate();
    const output = backendMessages(await this.#run(simpleQueryMessage(FAILING_STATEMENT)));
    this.#send(errorResponseMessage('ERROR', sqlState, message));
    this.#send(Buffer.concat(output.filter((m) => m[0] !== ERROR_RESPONSE)));
    this.#releaseIfIdle();
  }

  /**
   * Refuses COPY FROM STDIN in the extended protocol with a Parse that fails in its place, after
   * which PostgreSQL skips the rest of the batch up to Sync, as after any error. That Parse is
   * silent when PostgreSQL is already skipping, and then so is the server.
   */
  async #refuseParse(parse: Buffer): Promise<void> {
    await this.#acquireGate();
    const output = await this.#run(replaceParseQuery(parse, FAILING_STATEMENT));
    if (backendMessages(output).some((m) => m[0] === ERROR_RESPONSE)) {
      this.#send(
        errorResponseMessage(
          'ERROR',
          FEATURE_NOT_SUPPORTED,
          'embedded PostgreSQL supports COPY FROM STDIN only in a simple query, ' +
            'not through the extended query protocol',
        ),
      );
    }
    this.#releaseIfIdle();
  }

  async #acquireGate(): Promise<void> {
    try {
      await this.#gate.acquire(this, this.#options.lockTimeoutMs);
    } catch (error) {
      if (error instanceof GateTimeoutError) {
        this.#socket.end(fatalErrorMessage(LOCK_NOT_AVAILABLE, error.message));
      }
      throw error;
    }
  }

  /** Lets the next connection in once the backend is idle and no COPY is under way. */
  #releaseIfIdle(): void {
    if (this.#copyIn === null && this.#scanner.readyStatus === 'I') this.#gate.release(this);
  }

  #execute(message: Uint8Array, onData: (data: Uint8Array) => void): Promise<void> {
    const { db } = this.#options;
    return db.runExclusive(() => db.execProtocolRawStream(message, { onRawData: onData }));
  }

  /** Runs `message` for the server's own purposes and returns PGlite's whole answer. */
  async #run(message: Uint8Array): Promise<Buffer> {
    const chunks: Buffer[] = [];
    // Copy: PGlite may hand out a view on WebAssembly memory that it reuses.
    await this.#execute(message, (data) => chunks.push(Buffer.from(data)));
    return Buffer.concat(chunks);
  }

  /** Sends backend output to the client, following it to know when its request cycle ends. */
  #send(data: Uint8Array): void {
    this.#scanner.push(data);
    // Copy: PGlite may hand out a view on WebAssembly memory that it reuses.
    if (this.#socket.writable) this.#socket.write(Buffer.from(data));
  }

  /** Leaves the shared backend idle for the next connection when this one goes away mid-cycle. */
  async #releaseBackend(): Promise<void> {
    const copyIn = this.#copyIn;
    this.#copyIn = null;
    await copyIn?.spool.discard().catch(this.#options.onError);
    if (!this.#gate.isHeldBy(this)) return;
    const observe = (data: Uint8Array): void => this.#scanner.push(data);
    try {
      if (this.#scanner.readyStatus === null) await this.#execute(syncMessage(), observe);
      if (this.#scanner.readyStatus !== 'I') {
        await this.#execute(simpleQueryMessage('ROLLBACK'), observe);
      }
    } finally {
      this.#gate.release(this);
    }
  }

  #fail(error: unknown): void {
    this.#closed = true;
    // After a timeout the socket is already ending with a FATAL error the client should read.
    if (error instanceof GateTimeoutError) return;
    if (!(error instanceof GateCancelledError)) this.#options.onError(error);
    this.#socket.destroy();
  }
}
