// Writes `xentop -b` text for N guests, in the layout of the real batch output.
export function xentopText(guests: number, tick: number): string {
  const head =
    '      NAME  STATE   CPU(sec) CPU(%)     MEM(k) MEM(%)  MAXMEM(k) MAXMEM(%) VCPUS NETS NETTX(k) NETRX(k) VBDS   VBD_OO   VBD_RD   VBD_WR  VBD_RSECT  VBD_WSECT SSID';
  const lines = [head];
  for (let g = 1; g <= guests; g++) {
    const name = `vm${String(g).padStart(3, '0')}`;
    const n = tick * g;
    lines.push(
      `${name.padStart(10)} --b---  ${String(100 + n).padStart(9)}    0.0    2097152    6.2    2098176       6.3     2    1 ${String(1000 + n * 7).padStart(8)} ${String(2000 + n * 9).padStart(8)}    1        0 ${String(50 + n).padStart(8)} ${String(60 + n).padStart(8)} ${String(400 + n * 8).padStart(10)} ${String(480 + n * 8).padStart(10)}    0`,
    );
  }
  return `${lines.join('\n')}\n`;
}
