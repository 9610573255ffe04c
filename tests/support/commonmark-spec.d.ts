// The commonmark-spec package ships the spec's examples without types.
declare module "commonmark-spec" {
  type Example = { markdown: string; html: string; section: string; number: number };
  const spec: { text: string; tests: Example[] };
  export default spec;
}
