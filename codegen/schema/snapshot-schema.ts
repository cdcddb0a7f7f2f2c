/**
 * The JSON Schema of the diagnostic snapshot, generated from src/snapshot/types.ts so the contract lives in one
 * place. Every interface and type alias of that file becomes a `$defs` entry (sorted by name, so moving a
 * declaration does not reorder the file); the root refers to RdpDiagnosticSnapshot. JSDoc becomes
 * `description`. The file ships in dist-ps as RdpDoctor/RdpDiagnosticSnapshot.schema.json, under the same byte
 * rules as the PowerShell files: ASCII, CRLF, a final CRLF, no BOM, no trailing whitespace.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Node, Project } from "ts-morph";
import { SNAPSHOT_SCHEMA_VERSION } from "../../src/snapshot/types.js";
import { descriptionOf, interfaceToSchema, SchemaConversionError, typeToSchema, type JsonSchema } from "./type-to-schema.js";

export const SNAPSHOT_TYPES_FILE = "src/snapshot/types.ts";
export const SNAPSHOT_SCHEMA_PATH = "RdpDoctor/RdpDiagnosticSnapshot.schema.json";
const ROOT_TYPE = "RdpDiagnosticSnapshot";

/** Properties whose value is fixed, as `Interface.Property`; each must exist, so a rename fails the build. */
const CONSTANTS: ReadonlyMap<string, number> = new Map([[`${ROOT_TYPE}.SchemaVersion`, SNAPSHOT_SCHEMA_VERSION]]);

export const snapshotSchemaId = (version: number): string =>
  `https://rdpdoctor.invalid/schema/RdpDiagnosticSnapshot-v${version}.json`;

/** Only declarations the schema can represent may appear in types.ts, so nothing there is silently skipped. */
function assertOnlyKnownStatements(statements: readonly Node[]): void {
  for (const s of statements) {
    if (Node.isInterfaceDeclaration(s) || Node.isTypeAliasDeclaration(s)) continue;
    if (Node.isVariableStatement(s) && s.getDeclarations().every((d) => d.getName() === "SNAPSHOT_SCHEMA_VERSION")) continue;
    throw new SchemaConversionError(`${SNAPSHOT_TYPES_FILE}: unsupported statement (${s.getKindName()}): ${s.getText().slice(0, 80)}`);
  }
}

function applyConstants(defs: Record<string, JsonSchema>): void {
  for (const [path, value] of CONSTANTS) {
    const [typeName, propertyName] = path.split(".") as [string, string];
    const properties = defs[typeName]?.properties as Record<string, JsonSchema> | undefined;
    const property = properties?.[propertyName];
    if (property === undefined) throw new SchemaConversionError(`${path}: the constant's property does not exist`);
    if (property.type !== "number") throw new SchemaConversionError(`${path}: a numeric constant needs a number property`);
    properties![propertyName] = { ...property, const: value };
  }
}

/** The schema object for the snapshot types in `source` (the text of types.ts). */
export function buildSnapshotSchema(source: string): JsonSchema {
  const project = new Project({ useInMemoryFileSystem: true, skipAddingFilesFromTsConfig: true });
  const file = project.createSourceFile("types.ts", source);
  assertOnlyKnownStatements(file.getStatements());
  const interfaces = file.getInterfaces();
  const aliases = file.getTypeAliases();
  const known = new Set([...interfaces.map((i) => i.getName()), ...aliases.map((a) => a.getName())]);
  if (known.size !== interfaces.length + aliases.length) throw new SchemaConversionError(`${SNAPSHOT_TYPES_FILE}: a type name is declared twice`);
  if (!known.has(ROOT_TYPE)) throw new SchemaConversionError(`${SNAPSHOT_TYPES_FILE}: ${ROOT_TYPE} is missing`);

  const defs: Record<string, JsonSchema> = {};
  for (const decl of interfaces) defs[decl.getName()] = interfaceToSchema(decl, known);
  for (const alias of aliases) {
    const name = alias.getName();
    if (alias.getTypeParameters().length > 0) throw new SchemaConversionError(`${name}: generic type aliases are not supported`);
    const description = descriptionOf(alias, name);
    const schema = typeToSchema(alias.getTypeNodeOrThrow(), known, name);
    defs[name] = description === undefined ? schema : { description, ...schema };
  }
  applyConstants(defs);
  const sortedDefs = Object.fromEntries(Object.keys(defs).sort().map((k) => [k, defs[k]!]));
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: snapshotSchemaId(SNAPSHOT_SCHEMA_VERSION),
    title: `RdpDoctor diagnostic snapshot, version ${SNAPSHOT_SCHEMA_VERSION}`,
    description: defs[ROOT_TYPE]!.description ?? ROOT_TYPE,
    $ref: `#/$defs/${ROOT_TYPE}`,
    $defs: sortedDefs,
  };
}

/** JSON with 2-space indentation and CRLF line ends; refuses non-ASCII rather than ship it. */
export function formatSchemaJson(schema: JsonSchema): string {
  const text = `${JSON.stringify(schema, null, 2).split("\n").join("\r\n")}\r\n`;
  const bad = text.match(/[^\x20-\x7E\r\n]/);
  if (bad) throw new SchemaConversionError(`the schema holds a non-ASCII or control character U+${bad[0].charCodeAt(0).toString(16).padStart(4, "0")}`);
  return text;
}

/** The generated file for codegen/emit.ts: path relative to the output folder, and its exact content. */
export function buildSnapshotSchemaFile(rootDir: string): { path: string; content: string } {
  const source = readFileSync(join(rootDir, SNAPSHOT_TYPES_FILE), "utf8");
  return { path: SNAPSHOT_SCHEMA_PATH, content: formatSchemaJson(buildSnapshotSchema(source)) };
}
