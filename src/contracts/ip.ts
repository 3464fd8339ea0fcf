/** IP address checks that run in the browser too (no node:net). Returns 4, 6 or 0 like net.isIP. */
export function isIP(value: string): 0 | 4 | 6 {
  if (/^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(value)) return 4;
  if (value.includes(':') && /^[0-9a-fA-F:.]+$/.test(value) && value.split('::').length <= 2) {
    const parts = value.split(':');
    if (parts.length >= 3 && parts.length <= 8) return 6;
  }
  return 0;
}
