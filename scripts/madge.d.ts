// The part of madge's API scripts/check-imports.ts uses (madge ships no types).
declare module "madge" {
  type MadgeResult = { obj(): Record<string, string[]>; circular(): string[][] };
  type MadgeConfig = {
    fileExtensions?: string[];
    excludeRegExp?: RegExp[];
    tsConfig?: string;
    detectiveOptions?: Record<string, Record<string, unknown>>;
  };
  export default function madge(path: string, config?: MadgeConfig): Promise<MadgeResult>;
}
