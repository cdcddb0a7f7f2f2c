/**
 * `rdp-doctor`: the project's command line. Bundled by esbuild into dist/rdp-doctor.cjs (package.json "bin").
 *
 *   rdp-doctor build [--out DIR] [--unsigned] [signing options]
 *   rdp-doctor analyze SNAPSHOT.json [--json]
 *   rdp-doctor decode CODE [--extended CODE] [--json]
 *   rdp-doctor gateway HOST[:PORT] [--json] [--timeout MS] [--ca-file FILE]
 *   rdp-doctor probe HOST[:PORT]... [--port N] [--enumerate] [--timeout MS] [--snapshot FILE] [--json]
 *   rdp-doctor --help | --version
 * Each subcommand parses its own options; only build's are declared here.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { emit } from "../codegen/emit.js";
import { parseSigningOptions } from "../codegen/sign/index.js";
import { ANALYZE_USAGE, runAnalyze } from "./analyze-command.js";
import { runDecodeCommand } from "./decode-command.js";
import { GATEWAY_USAGE, runGatewayCommand } from "./gateway-command.js";
import { PROBE_USAGE, runProbe } from "./probe-command.js";
import packageJson from "../package.json" with { type: "json" };

const HELP = `rdp-doctor ${packageJson.version}: generate the signed RdpDoctor PowerShell artifacts.

Usage:
  rdp-doctor build [--out DIR] [--unsigned] [signing options]
  ${ANALYZE_USAGE}
  rdp-doctor decode CODE [--extended CODE] [--json]
  ${GATEWAY_USAGE}
  ${PROBE_USAGE}
  rdp-doctor --help
  rdp-doctor --version

analyze runs every catalog check over a snapshot saved by Get-RdpDiagnosticSnapshot -Path
and prints the ranked findings (--json: the same shape as Test-RdpError0x904's result).

decode names a disconnect reason (the dialog's "Error code", hex or decimal) and an extended
code, from the Microsoft tables, with the catalog causes they make plausible.

probe connects to an RDP endpoint as mstsc does (X.224 negotiation, then TLS on the same
socket) and reports what the server really says: selected protocol or failure code, TLS
version and cipher, the certificate, and what else may sit on the port.

gateway checks an RD Gateway: its TLS certificate, and its answer to the HTTP-transport
RDG_OUT_DATA request (healthy: 401 with Negotiate/NTLM), naming what sits in the path.

build writes dist-ps/ (or DIR): dist-ps/RdpDoctor/RdpDoctor.psd1 and .psm1, each
Authenticode-signed (SHA-256) with osslsigncode and verified after signing.

Signing options (default: a self-signed code-signing certificate made once in .signing/):
  --cert FILE --key FILE [--key-password-env VAR]   PEM certificate (chain) and key
  --pfx FILE --pfx-password-env VAR                 PKCS#12 file; password read from VAR
  --pkcs11-module SO --pkcs11-key URI --cert FILE [--pkcs11-engine SO]
                                                    key on a token or HSM
  --signing-time T     fixed signing time (unix seconds or ISO-8601 with zone) for
                       reproducible builds; SOURCE_DATE_EPOCH is used when unset
  --timestamp-url URL  RFC 3161 timestamp server
  --ca-file FILE       trust anchor used to verify the signatures
  --unsigned           write the files without signing (for inspection only)
`;

const OPTIONS = {
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
  out: { type: "string" },
  unsigned: { type: "boolean" },
  cert: { type: "string" },
  key: { type: "string" },
  "key-password-env": { type: "string" },
  pfx: { type: "string" },
  "pfx-password-env": { type: "string" },
  "pkcs11-module": { type: "string" },
  "pkcs11-key": { type: "string" },
  "pkcs11-engine": { type: "string" },
  "signing-time": { type: "string" },
  "timestamp-url": { type: "string" },
  "ca-file": { type: "string" },
} as const;

/** The repository root: the nearest folder upwards that holds this project's package.json. */
function findRoot(start: string): string {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, "utf8")).name === packageJson.name) return dir;
    if (dirname(dir) === dir) throw new Error(`run rdp-doctor inside the RdpDoctor repository (no ${packageJson.name} package.json above ${start})`);
  }
}

async function build(values: Record<string, string | boolean | undefined>): Promise<void> {
  const root = findRoot(process.cwd());
  const out = resolve(String(values.out ?? join(root, "dist-ps")));
  const { out: _o, unsigned, help: _h, version: _v, ...signFlags } = values;
  const signing = unsigned ? undefined : parseSigningOptions(signFlags, process.env, join(root, ".signing"));
  const started = performance.now();
  const result = await emit(root, out, packageJson.version, signing);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  for (const f of result.files) console.log(`  ${join(out, f)}`);
  const signedNote = signing === undefined ? "UNSIGNED" : `${result.signed.length} signed and verified`;
  console.log(`rdp-doctor build: ${result.files.length} files, ${signedNote}, ${seconds} s`);
}

/** Subcommands with their own argument parsing; each returns its exit code. */
const SUBCOMMANDS: Record<string, (args: readonly string[]) => number | Promise<number>> = {
  analyze: (args) => runAnalyze(args, (s) => console.log(s), (s) => console.error(s)),
  decode: (args) => runDecodeCommand(args),
  gateway: (args) => runGatewayCommand(args, (s) => console.log(s), (s) => console.error(s)),
  probe: (args) => runProbe(args, (s) => console.log(s), (s) => console.error(s)),
};

export async function main(argv: readonly string[]): Promise<number> {
  const sub = argv[0] === undefined ? undefined : SUBCOMMANDS[argv[0]];
  if (sub !== undefined) return sub(argv.slice(1));
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    console.error(`rdp-doctor: ${(err as Error).message}\nRun 'rdp-doctor --help' for usage.`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) return (console.log(HELP), 0);
  if (values.version) return (console.log(packageJson.version), 0);
  const [commandName, ...rest] = positionals;
  if (commandName !== "build" || rest.length > 0) {
    console.error(`rdp-doctor: unknown command '${positionals.join(" ")}'. Run 'rdp-doctor --help' for usage.`);
    return 2;
  }
  try {
    await build(values);
    return 0;
  } catch (err) {
    console.error(`rdp-doctor build failed: ${(err as Error).message}`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
