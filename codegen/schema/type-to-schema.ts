/**
 * Turns the type syntax of src/snapshot/types.ts into JSON Schema (draft 2020-12) fragments. It reads the
 * syntax, not the checker's resolved types, so the schema says exactly what the source says.
 *
 * Supported, and nothing else (anything else throws, naming the declaration, so a future change to the
 * contract cannot silently produce a wrong schema):
 * - `string`, `number`, `boolean`;
 * - string literal types and unions of them -> `enum`;
 * - `T[]` -> array of T;
 * - a reference to an interface or type alias of the same file -> `$ref` into `$defs`;
 * - `X | null` for any of the above -> `null` added to `type` (or `anyOf` with `{ type: null }` for a `$ref`).
 * Interfaces become closed objects: every property required, no optional (`?`) properties, no `extends`, no
 * index signatures or methods, and `additionalProperties: false`.
 */
import { Node, type InterfaceDeclaration, type JSDocableNode, type TypeNode } from "ts-morph";
import { toAsciiProse } from "../docs/ascii-prose.js";

/** A JSON Schema fragment. Keys are inserted in a fixed order by the builders below, so output is deterministic. */
export type JsonSchema = { [key: string]: unknown };

export class SchemaConversionError extends Error {
  override readonly name = "SchemaConversionError";
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The JSDoc description as one ASCII string: lines of a paragraph joined by spaces, paragraphs by a blank line.
 * Undefined when the node has no JSDoc text.
 */
export function descriptionOf(node: JSDocableNode, where: string): string | undefined {
  const text = node.getJsDocs().map((d) => d.getDescription()).join("\n\n");
  const paragraphs: string[][] = [[]];
  for (const raw of text.split(/\r?\n/)) {
    const line = toAsciiProse(raw.trim(), where);
    if (line === "") paragraphs.push([]);
    else paragraphs[paragraphs.length - 1]!.push(line);
  }
  const joined = paragraphs.filter((p) => p.length > 0).map((p) => p.join(" "));
  return joined.length === 0 ? undefined : joined.join("\n\n");
}

function withDescription(description: string | undefined, schema: JsonSchema): JsonSchema {
  return description === undefined ? schema : { description, ...schema };
}

function fail(where: string, node: Node, why: string): never {
  throw new SchemaConversionError(`${where}: cannot express \`${node.getText()}\` in the snapshot schema: ${why}`);
}

function stringLiteralOf(node: TypeNode): string | undefined {
  if (!Node.isLiteralTypeNode(node)) return undefined;
  const literal = node.getLiteral();
  return Node.isStringLiteral(literal) ? literal.getLiteralValue() : undefined;
}

/** Converts one type node. `known` holds the names of the file's interfaces and type aliases. */
export function typeToSchema(node: TypeNode, known: ReadonlySet<string>, where: string): JsonSchema {
  if (Node.isParenthesizedTypeNode(node)) return typeToSchema(node.getTypeNode(), known, where);
  switch (node.getText()) {
    case "string": return { type: "string" };
    case "number": return { type: "number" };
    case "boolean": return { type: "boolean" };
  }
  const literal = stringLiteralOf(node);
  if (literal !== undefined) return { type: "string", enum: [literal] };
  if (Node.isArrayTypeNode(node)) return { type: "array", items: typeToSchema(node.getElementTypeNode(), known, where) };
  if (Node.isTypeReference(node)) {
    const name = node.getTypeName().getText();
    if (node.getTypeArguments().length > 0) fail(where, node, "generic types are not supported");
    if (!known.has(name)) fail(where, node, `'${name}' is not an interface or type alias of the same file`);
    return { $ref: `#/$defs/${name}` };
  }
  if (Node.isUnionTypeNode(node)) return unionToSchema(node.getTypeNodes(), known, where, node);
  return fail(where, node, `unsupported type syntax (${node.getKindName()})`);
}

function unionToSchema(members: readonly TypeNode[], known: ReadonlySet<string>, where: string, node: TypeNode): JsonSchema {
  const nullable = members.some((m) => isNull(m));
  const rest = members.filter((m) => !isNull(m));
  const literals = rest.map(stringLiteralOf);
  if (rest.length > 0 && literals.every((l) => l !== undefined)) {
    const values = literals as string[];
    if (new Set(values).size !== values.length) fail(where, node, "a string literal is listed twice");
    return nullable ? { type: ["string", "null"], enum: [...values, null] } : { type: "string", enum: values };
  }
  if (rest.length !== 1 || !nullable) fail(where, node, "only unions of string literals, and `T | null`, are supported");
  const inner = typeToSchema(rest[0]!, known, where);
  if (typeof inner.type === "string") return { ...inner, type: [inner.type, "null"] };
  if (typeof inner.$ref === "string") return { anyOf: [inner, { type: "null" }] };
  return fail(where, node, "nested unions are not supported");
}

function isNull(node: TypeNode): boolean {
  return Node.isLiteralTypeNode(node) && Node.isNullLiteral(node.getLiteral());
}

/** A closed object schema for an interface: properties in declaration order, all required. */
export function interfaceToSchema(decl: InterfaceDeclaration, known: ReadonlySet<string>): JsonSchema {
  const name = decl.getName();
  if (decl.getTypeParameters().length > 0) fail(name, decl, "generic interfaces are not supported");
  if (decl.getExtends().length > 0) fail(name, decl, "`extends` is not supported; repeat the properties");
  for (const member of decl.getMembers()) {
    if (!Node.isPropertySignature(member)) fail(name, member, `unsupported member (${member.getKindName()})`);
  }
  const properties: JsonSchema = {};
  for (const property of decl.getProperties()) {
    const where = `${name}.${property.getName()}`;
    if (!IDENTIFIER.test(property.getName())) fail(where, property, "property names must be plain identifiers");
    if (property.hasQuestionToken()) fail(where, property, "optional properties are not allowed: use `T | null`");
    const typeNode = property.getTypeNode();
    if (typeNode === undefined) fail(where, property, "the property has no type annotation");
    properties[property.getName()] = withDescription(descriptionOf(property, where), typeToSchema(typeNode, known, where));
  }
  return withDescription(descriptionOf(decl, name), {
    type: "object",
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
  });
}
