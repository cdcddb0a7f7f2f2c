/**
 * The one request the gateway probe sends: RDG_OUT_DATA over the MS-TSGU HTTP transport, with the headers mstsc
 * sends before it authenticates (protocol-probe.md section 8). Node and the module format the same template, so
 * both send the same bytes: the lines below, joined with CRLF, then an empty line.
 */

/**
 * .NET composite format strings (the module uses `-f`): {0} the host, {1} the connection id, {2} the correlation id;
 * `{{` and `}}` are literal braces, because mstsc writes the GUIDs in braces.
 */
export const RDG_REQUEST_LINES: readonly string[] = [
  "RDG_OUT_DATA /remoteDesktopGateway/ HTTP/1.1",
  "Host: {0}",
  "Accept: */*",
  "Cache-Control: no-cache",
  "Connection: Keep-Alive",
  "Content-Length: 0",
  "User-Agent: MS-RPC",
  "RDG-Connection-Id: {{{1}}}",
  "RDG-Correlation-Id: {{{2}}}",
];

/** Same as .NET String.Format for the subset used above. */
export function formatComposite(template: string, args: readonly string[]): string {
  return template.replace(/\{\{|\}\}|\{(\d+)\}/g, (m, i: string | undefined) => (i === undefined ? m[0]! : args[Number(i)] ?? ""));
}

/** The request text; the module builds it as `(lines -join CRLF) + CRLF + CRLF` and then formats it. */
export function rdgOutDataRequestText(host: string, connectionId: string, correlationId: string): string {
  return formatComposite(`${RDG_REQUEST_LINES.join("\r\n")}\r\n\r\n`, [host, connectionId, correlationId]);
}
