/**
 * The JSON Schema generated from src/snapshot/types.ts (codegen/schema): it covers every declared type, accepts
 * every shared snapshot fixture, rejects broken snapshots, refuses TypeScript it cannot express, and is written
 * byte-identically each time under the dist-ps byte rules. Validation uses Ajv's draft 2020-12 validator, which
 * knows nothing about our generator, so a generator bug cannot hide behind a validator with the same bug.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { Project } from "ts-morph";
import { describe, expect, it } from "vitest";
import { buildSnapshotSchema, buildSnapshotSchemaFile, SNAPSHOT_SCHEMA_PATH, snapshotSchemaId } from "../codegen/schema/snapshot-schema.js";
import { SchemaConversionError, type JsonSchema } from "../codegen/schema/type-to-schema.js";
import { findByteProblem } from "../codegen/validate/byte-rules.js";
import { SNAPSHOT_SCHEMA_VERSION } from "../src/snapshot/types.js";
import { SNAPSHOT_FIXTURES } from "./support/fixture-files.js";

const ROOT = join(import.meta.dirname, "..");
const TYPES_SOURCE = readFileSync(join(ROOT, "src", "snapshot", "types.ts"), "utf8");
const file = buildSnapshotSchemaFile(ROOT);
const schema = JSON.parse(file.content) as JsonSchema;
const defs = schema.$defs as Record<string, JsonSchema>;

const ajv = new Ajv2020({ allErrors: true, strict: true });
const validate = ajv.compile(schema);

const fixtureFiles = readdirSync(SNAPSHOT_FIXTURES, { recursive: true, encoding: "utf8" })
  .map((f) => f.split("\\").join("/"))
  .filter((f) => f.endsWith(".json") && f !== "index.json")
  .sort();
const readFixture = (f: string): Record<string, any> => JSON.parse(readFileSync(join(SNAPSHOT_FIXTURES, f), "utf8"));
const healthy = () => readFixture("Healthy/pass-server-2022.json");

function declaredTypeNames(): string[] {
  const source = new Project({ useInMemoryFileSystem: true }).createSourceFile("t.ts", TYPES_SOURCE);
  return [...source.getInterfaces(), ...source.getTypeAliases()].map((d) => d.getName()).sort();
}

describe("snapshot schema: shape", () => {
  it("has a $def for every interface and type alias of src/snapshot/types.ts, and nothing else", () => {
    expect(Object.keys(defs)).toEqual(declaredTypeNames());
  });
  it("is draft 2020-12 with the versioned $id, a title, and the root type", () => {
    expect(file.path).toBe(SNAPSHOT_SCHEMA_PATH);
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.$id).toBe(snapshotSchemaId(SNAPSHOT_SCHEMA_VERSION));
    expect(schema.$id).toBe(`https://rdpdoctor.invalid/schema/RdpDiagnosticSnapshot-v${SNAPSHOT_SCHEMA_VERSION}.json`);
    expect(schema.title).toMatch(/\S/);
    expect(schema.$ref).toBe("#/$defs/RdpDiagnosticSnapshot");
  });
  it("closes every object and requires every property", () => {
    for (const [name, def] of Object.entries(defs)) {
      if (def.type !== "object") continue;
      expect(def.additionalProperties, name).toBe(false);
      expect(def.required, name).toEqual(Object.keys(def.properties as object));
    }
  });
  it("maps the constructs it supports as documented", () => {
    const root = defs.RdpDiagnosticSnapshot!.properties as Record<string, JsonSchema>;
    expect(root.SchemaVersion).toMatchObject({ type: "number", const: SNAPSHOT_SCHEMA_VERSION });
    expect(root.Services).toMatchObject({ type: "array", items: { $ref: "#/$defs/ServiceState" } });
    expect(root.Host).toMatchObject({ $ref: "#/$defs/HostInfo" });
    const host = defs.HostInfo!.properties as Record<string, JsonSchema>;
    expect(host.ProductType).toEqual({
      description: "Win32_OperatingSystem.ProductType: Workstation (1), DomainController (2) or Server (3).",
      type: ["string", "null"],
      enum: ["Workstation", "DomainController", "Server", null],
    });
    expect(host.OSVersion!.type).toEqual(["string", "null"]);
    expect(host.IsElevated!.type).toBe("boolean");
    expect(defs.SettingSource).toEqual({
      description: "Where an effective setting comes from.",
      type: "string",
      enum: ["Policy", "Local", "Default", "Unknown"],
    });
    expect((defs.SchannelInfo!.properties as Record<string, JsonSchema>).CipherSuitePolicy).toMatchObject({
      type: ["array", "null"],
      items: { type: "string" },
    });
  });
  it("joins multi-line JSDoc into one description", () => {
    const detail = (defs.EventGroup!.properties as Record<string, JsonSchema>).Detail!;
    expect(detail.description).toMatch(/^The one event field that matters for this ID, as text: the disconnect reason/);
    expect(detail.description).not.toMatch(/\n/);
  });
});

describe("snapshot schema: validation with Ajv 2020", () => {
  it("finds the shared fixtures", () => {
    expect(fixtureFiles.length).toBeGreaterThan(5);
  });
  it.each(fixtureFiles)("accepts %s", (f) => {
    const ok = validate(readFixture(f));
    expect(ok ? [] : validate.errors).toEqual([]);
  });

  const broken: readonly (readonly [string, (s: Record<string, any>) => void, string])[] = [
    ["a missing property", (s) => delete s.Listener.PortOwner, "required"],
    ["an extra property", (s) => (s.Host.Extra = 1), "additionalProperties"],
    ["a wrong type", (s) => (s.Limits.SessionCount = "3"), "type"],
    ["a bad enum value", (s) => (s.Services[0].Status = "Sleeping"), "enum"],
    ["a null where none is allowed", (s) => (s.ComputerName = null), "type"],
    ["a wrong SchemaVersion", (s) => (s.SchemaVersion = SNAPSHOT_SCHEMA_VERSION + 1), "const"],
    ["a bad item in an array", (s) => (s.Certificates.RemoteDesktop[0].KeyAcl[0].Type = "Maybe"), "enum"],
  ];
  it.each(broken)("rejects a snapshot with %s", (_label, breakIt, keyword) => {
    const snapshot = healthy();
    expect(validate(snapshot)).toBe(true);
    breakIt(snapshot);
    expect(validate(snapshot)).toBe(false);
    expect(validate.errors!.map((e) => e.keyword)).toContain(keyword);
  });
});

describe("snapshot schema: bytes", () => {
  it("is ASCII, CRLF, with a final CRLF, no BOM and no trailing whitespace", () => {
    expect(findByteProblem(file.content)).toBeUndefined();
    expect(file.content.startsWith("{\r\n  \"$schema\"")).toBe(true);
    expect(file.content.endsWith("}\r\n")).toBe(true);
  });
  it("is deterministic: two builds give the same bytes", () => {
    expect(buildSnapshotSchemaFile(ROOT).content).toBe(file.content);
  });
});

describe("snapshot schema: refuses what it cannot express", () => {
  const wrap = (body: string) => `export const SNAPSHOT_SCHEMA_VERSION = 1;\nexport interface RdpDiagnosticSnapshot { SchemaVersion: number; }\n${body}`;
  it.each([
    ["an optional property", "export interface A { X?: string; }"],
    ["extends", "export interface B { X: string; }\nexport interface A extends B { Y: string; }"],
    ["a generic reference", "export interface A { X: Array<string>; }"],
    ["Record", "export interface A { X: Record<string, number>; }"],
    ["a number literal type", "export interface A { X: 1 | 2; }"],
    ["a mixed union", "export interface A { X: string | number; }"],
    ["an index signature", "export interface A { [key: string]: string; }"],
    ["a method", "export interface A { x(): void; }"],
    ["an unknown reference", "export interface A { X: Elsewhere; }"],
    ["an enum", "export enum E { A, B }"],
    ["a tuple", "export interface A { X: [string, number]; }"],
    ["undefined", "export interface A { X: string | undefined; }"],
  ])("refuses %s", (_label, body) => {
    expect(() => buildSnapshotSchema(wrap(body))).toThrow(SchemaConversionError);
  });
  it("refuses a description it cannot print as ASCII", () => {
    expect(() => buildSnapshotSchema(wrap("/** Caf\u00e9. */\nexport interface A { X: string; }"))).toThrow(/non-ASCII character U\+00E9/);
  });
  it("says which declaration it could not convert", () => {
    expect(() => buildSnapshotSchema(wrap("export interface A { X: Map<string, string>; }"))).toThrow(SchemaConversionError);
    expect(() => buildSnapshotSchema(wrap("export interface A { X: Map<string, string>; }"))).toThrow(/A\.X/);
  });
  it("refuses a snapshot type whose SchemaVersion is missing", () => {
    expect(() => buildSnapshotSchema("export interface RdpDiagnosticSnapshot { Version: number; }")).toThrow(/SchemaVersion/);
  });
});
