// The catalogs' one template syntax: `{name}` placeholders.
/** Fills `{name}` placeholders (the catalogs' one template syntax). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
