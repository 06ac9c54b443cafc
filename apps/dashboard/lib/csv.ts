/**
 * RFC 4180 CSV: CRLF line ends, every field quoted, quotes doubled. A UTF-8 byte-order mark
 * lets spreadsheet programs read the non-ASCII names, and cells that a spreadsheet would run
 * as a formula (=, +, -, @ first) are prefixed with an apostrophe.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) =>
    cells.map((cell) => `"${neutralized(cell).replaceAll('"', '""')}"`).join(",");
  return `\uFEFF${[header, ...rows].map(line).join("\r\n")}\r\n`;
}

function neutralized(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
