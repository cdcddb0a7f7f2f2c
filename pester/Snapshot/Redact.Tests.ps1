#Requires -Version 5.1
<#
    ProtectRdpSnapshot (the -Redact step of Get-RdpDiagnosticSnapshot) against the TypeScript redactor.
    test/redact.test.ts (vitest) writes test/fixtures/redaction/ from src/snapshot/redact.ts:
    - input-names.json / expected-names.json: a snapshot full of host names, IPs and user names, and its redaction;
    - expected-redacted.json: the redaction of test/fixtures/snapshots/Healthy/pass-server-2022.json;
    - rules.json: single strings and their redaction, one rule each.
    PowerShell must produce the same JSON with .NET regular expressions.
    ProtectRdpSnapshot is nested inside Get-RdpDiagnosticSnapshot, so InModuleScope cannot reach it; the test lifts
    its definition out of the built module's syntax tree instead, which works wherever the module defines it.
#>

BeforeAll {
    $repoRoot = Split-Path -Path (Split-Path -Path $PSScriptRoot -Parent) -Parent
    $modulePath = Join-Path -Path $repoRoot -ChildPath 'dist-ps/RdpDoctor/RdpDoctor.psm1'
    $redactionDir = Join-Path -Path $repoRoot -ChildPath 'test/fixtures/redaction'
    $snapshotDir = Join-Path -Path $repoRoot -ChildPath 'test/fixtures/snapshots'

    $tokens = $null
    $parseErrors = $null
    $moduleAst = [System.Management.Automation.Language.Parser]::ParseFile($modulePath, [ref]$tokens, [ref]$parseErrors)
    $protectDefinitions = @(
        $moduleAst.FindAll({
                param($node)
                ($node -is [System.Management.Automation.Language.FunctionDefinitionAst]) -and ($node.Name -eq 'ProtectRdpSnapshot')
            }, $true)
    )
    if ($protectDefinitions.Count -gt 0) {
        # Defines ProtectRdpSnapshot (and, when it runs, its nested helpers) in this scope.
        . ([scriptblock]::Create($protectDefinitions[0].Extent.Text))
    }

    function Read-JsonFixture {
        param([string]$Path)
        Get-Content -LiteralPath $Path -Raw -Encoding UTF8 | ConvertFrom-Json
    }

    function ConvertTo-ComparableJson {
        param($InputObject)
        # Both sides go through the same serializer, so number and date formatting cannot differ.
        ConvertTo-Json -InputObject $InputObject -Depth 20 -Compress
    }
}

Describe 'ProtectRdpSnapshot in the built module' {
    It 'is defined once, or identically wherever it is defined' {
        $protectDefinitions.Count | Should -BeGreaterThan 0
        $parseErrors.Count | Should -Be 0
        $texts = @($protectDefinitions | ForEach-Object -Process { $_.Extent.Text } | Select-Object -Unique)
        $texts.Count | Should -Be 1
    }
}

Describe 'ProtectRdpSnapshot matches src/snapshot/redact.ts' {
    It 'redacts <Label> to the same JSON' -ForEach @(
        @{ Label = 'a snapshot full of names'; InputFolder = 'redaction'; InputFile = 'input-names.json'; ExpectedFile = 'expected-names.json' }
        @{ Label = 'the healthy server fixture'; InputFolder = 'snapshots'; InputFile = 'Healthy/pass-server-2022.json'; ExpectedFile = 'expected-redacted.json' }
    ) {
        $folder = $redactionDir
        if ($InputFolder -eq 'snapshots') {
            $folder = $snapshotDir
        }
        $snapshot = Read-JsonFixture -Path (Join-Path -Path $folder -ChildPath $InputFile)
        $expected = Read-JsonFixture -Path (Join-Path -Path $redactionDir -ChildPath $ExpectedFile)

        $redacted = ProtectRdpSnapshot -Snapshot $snapshot

        (ConvertTo-ComparableJson -InputObject $redacted) | Should -BeExactly (ConvertTo-ComparableJson -InputObject $expected)
    }

    It 'redacts each rule row alike' {
        $rows = (Read-JsonFixture -Path (Join-Path -Path $redactionDir -ChildPath 'rules.json')).Rows
        $rows.Count | Should -BeGreaterThan 0
        foreach ($row in $rows) {
            $holder = [pscustomobject]@{ Redacted = $false; Text = $row.Text }
            $redacted = ProtectRdpSnapshot -Snapshot $holder
            $redacted.Text | Should -BeExactly $row.Expected -Because "the input was '$($row.Text)'"
        }
    }
}

Describe 'ProtectRdpSnapshot behaviour' {
    BeforeAll {
        $namesPath = Join-Path -Path $redactionDir -ChildPath 'input-names.json'
    }

    It 'sets Redacted and leaves its input unchanged' {
        $snapshot = Read-JsonFixture -Path $namesPath
        $before = ConvertTo-ComparableJson -InputObject $snapshot

        $redacted = ProtectRdpSnapshot -Snapshot $snapshot

        $redacted.Redacted | Should -BeTrue
        $snapshot.Redacted | Should -BeFalse
        (ConvertTo-ComparableJson -InputObject $snapshot) | Should -BeExactly $before
    }

    It 'is idempotent: redacting twice keeps the placeholders' {
        $once = ProtectRdpSnapshot -Snapshot (Read-JsonFixture -Path $namesPath)
        $twice = ProtectRdpSnapshot -Snapshot $once

        (ConvertTo-ComparableJson -InputObject $twice) | Should -BeExactly (ConvertTo-ComparableJson -InputObject $once)
    }

    It 'keeps empty and one-item arrays as arrays' {
        $healthyPath = Join-Path -Path $snapshotDir -ChildPath 'Healthy/pass-server-2022.json'
        $redacted = ProtectRdpSnapshot -Snapshot (Read-JsonFixture -Path $healthyPath)

        ($redacted.Certificates.My -is [System.Array]) | Should -BeTrue
        $redacted.Certificates.My.Count | Should -Be 0
        ($redacted.Licensing.Servers -is [System.Array]) | Should -BeTrue
        $redacted.Licensing.Servers.Count | Should -Be 1
    }

    It 'leaves no original host, domain, user or address in the output' {
        $json = ConvertTo-ComparableJson -InputObject (ProtectRdpSnapshot -Snapshot (Read-JsonFixture -Path $namesPath))
        foreach ($secret in @('rdsh01', 'rdsh02', 'rdsh03', 'lic01', 'lic02', 'contoso', 'alice', 'bob', 'localadmin', '10.20.30.40', '2001:db8::25')) {
            $json.ToLowerInvariant().Contains($secret) | Should -BeFalse -Because "'$secret' must be redacted"
        }
    }
}
