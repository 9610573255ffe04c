// The socket.io client (js/socket-client.js, built from socket.io-client), loaded on demand rather than
// bundled into the page's script: the article page and the console use it this way (the widget bundles
// its own, for other origins). Null when it cannot be loaded: the pages still work without live updates.
export type ServerSocket = {
  recovered: boolean;
  on(event: string, listener: (...args: never[]) => void): void;
  emit(event: string, ...args: unknown[]): void;
  disconnect(): void;
};

type Io = (opts: { transports: string[]; forceNew?: boolean }) => ServerSocket;

export async function loadServerSocketClient(): Promise<Io | null> {
  try {
    const url = "/static/js/socket-client.js"; // a variable: esbuild leaves the import to the browser
    return ((await import(url)) as { io: Io }).io;
  } catch {
    return null;
  }
}
