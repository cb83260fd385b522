import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import { BackendGate, GateCancelledError, GateTimeoutError } from './backend-gate.js';
import {
  BackendMessageScanner,
  ENCRYPTION_NOT_SUPPORTED,
  FrontendMessageReader,
  copyFailMessage,
  fatalErrorMessage,
  simpleQueryMessage,
  syncMessage,
  type FrontendMessage,
} from './protocol.js';

/** SQLSTATE lock_not_available: what a client sees when it waited too long for the backend. */
const LOCK_NOT_AVAILABLE = '55P03';

export interface PgliteWireServerOptions {
  readonly db: PGlite;
  readonly host: string;
  /** 0 lets the operating system pick a free port. */
  readonly port: number;
  /** How long a connection may wait for another connection's transaction before it is refused. */
  readonly lockTimeoutMs: number;
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
 */
export class PgliteWireServer {
  readonly #options: PgliteWireServerOptions;
  readonly #gate = new BackendGate();
  readonly #connections = new Set<WireConnection>();
  #server: Server | null = null;
  #accepting = true;

  constructor(options: PgliteWireServerOptions) {
    this.#options = options;
  }

  /** Starts listening and resolves with the port actually bound. */
  listen(): Promise<number> {
    const server = createServer((socket) => this.#accept(socket));
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
    if (server === null) return;
    this.#server = null;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  #accept(socket: Socket): void {
    if (!this.#accepting) {
      socket.destroy();
      return;
    }
    const connection = new WireConnection(socket, this.#gate, this.#options);
    this.#connections.add(connection);
    void connection.finished.then(() => this.#connections.delete(connection));
  }
}

/** One client connection: frames its messages and runs them on PGlite while holding the gate. */
class WireConnection {
  readonly #socket: Socket;
  readonly #gate: BackendGate;
  readonly #options: PgliteWireServerOptions;
  readonly #reader = new FrontendMessageReader();
  readonly #scanner = new BackendMessageScanner();
  readonly finished: Promise<void>;
  #work: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(socket: Socket, gate: BackendGate, options: PgliteWireServerOptions) {
    this.#socket = socket;
    this.#gate = gate;
    this.#options = options;
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
        this.#enqueue(() => this.#handle(message));
      }
    } catch (error) {
      this.#fail(error);
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
      case 'regular':
        await this.#forward(message.bytes);
        return;
    }
  }

  async #forward(message: Buffer): Promise<void> {
    await this.#acquireGate();
    await this.#execute(message, (data) => this.#write(data));
    if (this.#scanner.readyStatus === 'I') this.#gate.release(this);
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

  #execute(message: Uint8Array, onData: (data: Uint8Array) => void): Promise<void> {
    const { db } = this.#options;
    return db.runExclusive(() =>
      db.execProtocolRawStream(message, {
        onRawData: (data) => {
          this.#scanner.push(data);
          onData(data);
        },
      }),
    );
  }

  #write(data: Uint8Array): void {
    // Copy: PGlite may hand out a view on WebAssembly memory that it reuses.
    if (this.#socket.writable) this.#socket.write(Buffer.from(data));
  }

  /** Leaves the shared backend idle for the next connection when this one goes away mid-cycle. */
  async #releaseBackend(): Promise<void> {
    if (!this.#gate.isHeldBy(this)) return;
    const discard = (): void => undefined;
    try {
      if (this.#scanner.awaitingCopyData) {
        await this.#execute(copyFailMessage('client disconnected'), discard);
      }
      if (this.#scanner.readyStatus === null) await this.#execute(syncMessage(), discard);
      if (this.#scanner.readyStatus !== 'I') {
        await this.#execute(simpleQueryMessage('ROLLBACK'), discard);
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
