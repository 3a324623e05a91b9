/**
 * Misbehaving servers for the fault tests, on 127.0.0.1 with an ephemeral port. The scripted HTTP
 * server is the clients' shared test helper (`client-core/test/helpers/loopback-server.ts`); this file
 * adds a raw TCP server that writes whatever bytes a test wants (a response cut off by a connection
 * reset). Both record every request and close every socket on `close()`.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { type AddressInfo, createServer as createTcpServer, type Socket } from 'node:net';
import type { LoopbackServer, RecordedRequest } from '../../client-core/test/helpers/loopback-server.ts';

export {
  sendJson,
  sendText,
  startLoopbackServer as startHttpFaultServer,
} from '../../client-core/test/helpers/loopback-server.ts';

/** A request as a fault server saw it (`at`: ms since the server started). */
export type SeenRequest = RecordedRequest;
export type FaultServer = LoopbackServer;

/**
 * A raw TCP server: once a whole HTTP request (head and Content-Length body) has arrived on a
 * socket, `onRequest` gets the socket to write to or destroy as it likes.
 */
export async function startRawFaultServer(
  onRequest: (socket: Socket, req: SeenRequest, index: number) => void,
): Promise<FaultServer> {
  const started = Date.now();
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const headEnd = buffer.indexOf('\r\n\r\n');
      if (headEnd < 0) return;
      const head = buffer.subarray(0, headEnd).toString('latin1');
      const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
      if (buffer.length < headEnd + 4 + length) return;
      const [requestLine = '', ...headerLines] = head.split('\r\n');
      const [method = '', url = ''] = requestLine.split(' ');
      const headers: IncomingHttpHeaders = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const seen: SeenRequest = {
        method,
        url,
        headers,
        body: buffer.subarray(headEnd + 4, headEnd + 4 + length).toString('utf8'),
        at: Date.now() - started,
      };
      buffer = buffer.subarray(headEnd + 4 + length);
      requests.push(seen);
      onRequest(socket, seen, requests.length - 1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
