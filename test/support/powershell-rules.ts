/**
 * Text checks the generated PowerShell must pass, defined once for every test that applies them (the whole
 * module in generated-files.test.ts, single functions in the per-command tests). The IR has no node for any of
 * these, so a hit means text got around the builders.
 */

/** PowerShell 7-only syntax: `??`, `?.`, pipeline chain `&&`/`||`, `-Parallel`, a `clean {}` block. */
export const POWERSHELL_7_ONLY = /\?\?|\?\.|\s&&\s|\s\|\|\s|-Parallel\b|^\s*clean\s*\{/m;

/** A built-in alias in a pipeline (`| % {`, `| where`, `| gci` ...); the builders only emit full names. */
export const ALIAS_IN_PIPELINE = /\|\s*(%|\?|where|select|sort|foreach|gci|ls|dir)\s/i;
