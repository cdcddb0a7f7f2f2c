# Escape parity with the real PowerShell engine (Pester 5).
# test/escape-property.test.ts (vitest) writes two fixtures from a fixed seed, and fails in CI when they drift:
# - test/fixtures/escape/literals.ps1: $literals[i] = <literal printed by codegen/print/escape.ts quoteString>
# - test/fixtures/escape/expected.json: the original strings, and escapeSingleQuotedContent of each, both as
#   base64 of UTF-16LE (JSON cannot carry lone surrogates).
# vitest can only check the literals with tree-sitter and a small evaluator; this file checks them with PowerShell.

BeforeAll {
    # Forward slashes work on Windows and elsewhere; Resolve-Path gives the full path the .NET parser needs.
    $fixtureDir = (Resolve-Path -LiteralPath (Join-Path -Path $PSScriptRoot -ChildPath '../../test/fixtures/escape')).ProviderPath
    $literalsPath = Join-Path -Path $fixtureDir -ChildPath 'literals.ps1'
    $expected = Get-Content -LiteralPath (Join-Path -Path $fixtureDir -ChildPath 'expected.json') -Raw | ConvertFrom-Json

    function ConvertFrom-Utf16Base64 {
        param([string]$Text)
        [System.Text.Encoding]::Unicode.GetString([System.Convert]::FromBase64String($Text))
    }

    $originals = @($expected.strings | ForEach-Object -Process { ConvertFrom-Utf16Base64 -Text $_ })
    $contents = @($expected.singleQuotedContent | ForEach-Object -Process { ConvertFrom-Utf16Base64 -Text $_ })

    # Sets $literals in this scope.
    . $literalsPath
}

Describe 'quoteString literals (codegen/print/escape.ts)' {
    It 'parses without errors in the real PowerShell parser' {
        $tokens = $null
        $errors = $null
        $null = [System.Management.Automation.Language.Parser]::ParseFile($literalsPath, [ref]$tokens, [ref]$errors)
        $errors.Count | Should -Be 0
    }

    It 'holds one literal per original string' {
        $originals.Count | Should -Be $expected.literalCount
        $contents.Count | Should -Be $expected.literalCount
        $literals.Count | Should -Be $expected.literalCount
    }

    It 'evaluates every literal to exactly its original string' {
        $mismatches = [System.Collections.Generic.List[string]]::new()
        for ($i = 0; $i -lt $originals.Count; $i++) {
            $value = $literals[$i]
            if ($value -isnot [string] -or -not [string]::Equals($value, $originals[$i], [System.StringComparison]::Ordinal)) {
                $mismatches.Add("literal $i")
            }
        }
        $mismatches.Count | Should -Be 0 -Because ($mismatches -join ', ')
    }
}

Describe 'escapeSingleQuotedContent (codegen/print/escape.ts)' {
    # PowerShell's own escaper is the reference; each case picks the inputs it applies to.
    It 'matches CodeGeneration.EscapeSingleQuotedStringContent for <Inputs>' -ForEach @(
        @{ Inputs = 'plain ASCII inputs'; Pattern = '^[\x20-\x7E]*$' },
        @{ Inputs = 'inputs with typographic single quotes'; Pattern = '[\u2018-\u201B]' }
    ) {
        $checked = 0
        $mismatches = [System.Collections.Generic.List[string]]::new()
        for ($i = 0; $i -lt $originals.Count; $i++) {
            if ($originals[$i] -cmatch $Pattern) {
                $checked++
                $real = [System.Management.Automation.Language.CodeGeneration]::EscapeSingleQuotedStringContent($originals[$i])
                if (-not [string]::Equals($real, $contents[$i], [System.StringComparison]::Ordinal)) {
                    $mismatches.Add("input $i")
                }
            }
        }
        $checked | Should -BeGreaterThan 0
        $mismatches.Count | Should -Be 0 -Because ($mismatches -join ', ')
    }
}
