/**
 * Golden snapshot of the generated (unsigned) module. CI regenerates and fails on any drift; locally,
 * `UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts` rewrites the files for review in the diff.
 * Compared as exact strings, because toMatchFileSnapshot ignores line-ending changes (toolchain.md pitfall 9).
 */
import { describe, expect, it } from "vitest";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { generate } from "../codegen/emit.js";

const ROOT = join(import.meta.dirname, "..");
const GOLDEN = join(import.meta.dirname, "__golden__");
const version = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version as string;
const update = process.env.UPDATE_GOLDEN === "1" && process.env.CI !== "true";

describe("golden generated module", () => {
  for (const file of generate(ROOT, version)) {
    it(file.path, () => {
      const target = join(GOLDEN, file.path);
      if (update || (!existsSync(target) && process.env.CI !== "true")) {
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, file.content, "ascii");
      }
      expect(existsSync(target), `${target} is missing; run UPDATE_GOLDEN=1 locally and commit it`).toBe(true);
      expect(file.content === readFileSync(target, "latin1"), `${file.path} drifted from its golden copy`).toBe(true);
    });
  }
});
