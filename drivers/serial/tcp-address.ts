/** Host and port of a `tcp://` address: a printer's raw 9100 port or a serial device server's raw socket. */
export interface TcpTarget {
  host: string;
  port: number;
}

const TCP_ADDRESS = /^tcp:\/\/(\[[^\]]+\]|[^:/]+):(\d{1,5})\/?$/i;

/**
 * `tcp://host:port` (an IPv6 host in brackets, an optional trailing slash) → host and port; null when the address
 * is malformed or the port is outside 1–65535. Callers word the CONFIG error for their own setting.
 */
export function matchTcpAddress(address: string): TcpTarget | null {
  const match = TCP_ADDRESS.exec(address);
  const port = Number(match?.[2]);
  if (!match?.[1] || !Number.isInteger(port) || port < 1 || port > 65535) return null;
  return { host: match[1].replace(/^\[|\]$/g, ''), port };
}
