import {
  BackendMessageScanner,
  FrontendMessageReader,
  backendMessages,
  errorResponseMessage,
  fatalErrorMessage,
  parseQueryText,
  queryText,
  replaceParseQuery,
  simpleQueryMessage,
  syncMessage,
} from './protocol.js';

function startupPacket(): Buffer {
  const body = Buffer.from('user\0postgres\0database\0postgres\0\0');
  const header = Buffer.alloc(8);
  header.writeInt32BE(8 + body.length, 0);
  header.writeInt32BE(196608, 4);
  return Buffer.concat([header, body]);
}

function sslRequest(): Buffer {
  const packet = Buffer.alloc(8);
  packet.writeInt32BE(8, 0);
  packet.writeInt32BE(80877103, 4);
  return packet;
}

function backendMessage(type: string, body: Buffer = Buffer.alloc(0)): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'ascii');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

const readyForQuery = (status: string): Buffer => backendMessage('Z', Buffer.from(status));

function eachByte(bytes: Buffer): Buffer[] {
  return [...bytes].map((byte) => Buffer.from([byte]));
}

describe('FrontendMessageReader', () => {
  it('frames startup-phase packets, then typed messages, across arbitrary chunks', () => {
    const reader = new FrontendMessageReader();
    const query = simpleQueryMessage('SELECT 1');
    const terminate = Buffer.from([0x58, 0, 0, 0, 4]);
    const stream = Buffer.concat([sslRequest(), startupPacket(), query, syncMessage(), terminate]);

    const messages = eachByte(stream).flatMap((chunk) => reader.push(chunk));

    expect(messages.map((message) => message.kind)).toEqual([
      'ssl-request',
      'startup',
      'regular',
      'regular',
      'terminate',
    ]);
    expect(messages[2]).toEqual({ kind: 'regular', bytes: query });
  });

  it('rejects a client that does not speak the PostgreSQL protocol', () => {
    const http = Buffer.from('GET / HTTP/1.1\r\nHost: localhost\r\n\r\n');
    expect(() => new FrontendMessageReader().push(http)).toThrow(/invalid startup packet length/);
  });

  it('rejects a protocol version other than 3', () => {
    const packet = startupPacket();
    packet.writeInt32BE(2 << 16, 4);
    expect(() => new FrontendMessageReader().push(packet)).toThrow(
      /unsupported frontend protocol 2/,
    );
  });
});

describe('BackendMessageScanner', () => {
  it('reports the transaction status only when the output ends with ReadyForQuery', () => {
    const scanner = new BackendMessageScanner();
    expect(scanner.readyStatus).toBeNull();

    scanner.push(backendMessage('1')); // ParseComplete: mid-cycle
    expect(scanner.readyStatus).toBeNull();

    const cycle = Buffer.concat([
      backendMessage('D', Buffer.from('Z\0\0\0\x05I')), // a row that merely looks like ReadyForQuery
      backendMessage('C', Buffer.from('SELECT 1\0')),
      readyForQuery('T'),
    ]);
    for (const chunk of eachByte(cycle)) scanner.push(chunk);
    expect(scanner.readyStatus).toBe('T');

    scanner.push(backendMessage('C', Buffer.from('COMMIT\0')).subarray(0, 3));
    expect(scanner.readyStatus).toBeNull();
  });
});

describe('backendMessages', () => {
  it('splits complete backend output into its messages', () => {
    const messages = [
      backendMessage('G', Buffer.from([0, 0, 1, 0, 0])),
      backendMessage('C', Buffer.from('COPY 3\0')),
      readyForQuery('I'),
    ];
    expect(backendMessages(Buffer.concat(messages))).toEqual(messages);
    expect(backendMessages(Buffer.alloc(0))).toEqual([]);
  });
});

describe('Query and Parse messages', () => {
  function parseMessage(name: string, sql: string): Buffer {
    return backendMessage('P', Buffer.from(`${name}\0${sql}\0\0\x01\0\0\0\x17`, 'latin1'));
  }

  it('reads the SQL of a simple Query', () => {
    expect(queryText(simpleQueryMessage('COPY t FROM STDIN')).toString()).toBe('COPY t FROM STDIN');
  });

  it('reads and replaces the SQL of a Parse, keeping the statement name', () => {
    const parse = parseMessage('s1', 'COPY t FROM STDIN');
    expect(parseQueryText(parse).toString()).toBe('COPY t FROM STDIN');
    const replaced = replaceParseQuery(parse, 'SELECT');
    expect(replaced).toEqual(backendMessage('P', Buffer.from('s1\0SELECT\0\0\0')));
    expect(parseQueryText(replaced).toString()).toBe('SELECT');
  });
});

describe('errorResponseMessage', () => {
  it('builds an ERROR with code and message', () => {
    const message = errorResponseMessage('ERROR', '0A000', 'not here');
    expect(message.subarray(5).toString()).toBe('SERROR\0VERROR\0C0A000\0Mnot here\0\0');
  });
});

describe('fatalErrorMessage', () => {
  it('builds an ErrorResponse with severity, code and message fields', () => {
    const message = fatalErrorMessage('55P03', 'too slow');
    expect(message.subarray(0, 1).toString()).toBe('E');
    expect(message.readInt32BE(1)).toBe(message.length - 1);
    expect(message.subarray(5).toString()).toBe('SFATAL\0VFATAL\0C55P03\0Mtoo slow\0\0');
  });
});
