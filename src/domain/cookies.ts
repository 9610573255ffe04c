// Reading one cookie from a Cookie header: shared by the HTTP edge and the socket.io handshake.

/** The cookie's decoded value, or undefined (absent or badly encoded). */
export function readCookie(req: { headers: { cookie?: string } }, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) {
      try {
        return decodeURIComponent(part.slice(i + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
