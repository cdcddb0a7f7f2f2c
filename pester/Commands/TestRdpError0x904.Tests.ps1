#Requires -Version 5.1
<#
    Test-RdpError0x904 and Get-RdpDiagnosticSnapshot as commands: input modes, error codes, bad input,
    and the snapshot file round trip. Verdicts per fixture are in pester/Checks/Catalog.Tests.ps1.
#>

BeforeAll {
    $repoRoot = Split-Path -Path (Split-Path -Path $PSScriptRoot -Parent) -Parent
    $manifestPath = Join-Path -Path (Join-Path -Path (Join-Path -Path $repoRoot -ChildPath 'dist-ps') -ChildPath 'RdpDoctor') -ChildPath 'RdpDoctor.psd1'
    $fixtureRoot = Join-Path -Path (Join-Path -Path (Join-Path -Path $repoRoot -ChildPath 'test') -ChildPath 'fixtures') -ChildPath 'snapshots'
    $expiredPath = Join-Path -Path (Join-Path -Path $fixtureRoot -ChildPath 'C05') -ChildPath 'fail-expired.json'
    $healthyPath = Join-Path -Path (Join-Path -Path $fixtureRoot -ChildPath 'Healthy') -ChildPath 'pass-server-2022.json'
    Import-Module -Name $manifestPath -Force -ErrorAction Stop
}

AfterAll {
    Remove-Module -Name 'RdpDoctor' -Force -ErrorAction SilentlyContinue
}

Describe 'Test-RdpError0x904 -SnapshotPath' -Tag 'Unit' {
    It 'ranks the true cause first for a broken snapshot' {
        $result = Test-RdpError0x904 -SnapshotPath $expiredPath
        $result.PSObject.TypeNames[0] | Should -BeExactly 'RdpDoctor.DiagnosisResult'
        $result.ComputerName | Should -BeExactly 'RDSH01'
        $result.SnapshotVersion | Should -Be 1
        $result.Findings[0].Id | Should -BeExactly 'C05'
        $result.Findings[0].Status | Should -BeExactly 'Fail'
        $result.Findings[0].Evidence.'Listener.WmiCertificateHashType' | Should -Be 1
    }

    It 'gives no Fail on the healthy snapshot' {
        $result = Test-RdpError0x904 -SnapshotPath $healthyPath
        @($result.Findings | Where-Object -Property Status -EQ -Value 'Fail') | Should -HaveCount 0
    }

    It 'judges the snapshot as of its CollectedAt, not today' {
        $result = Test-RdpError0x904 -SnapshotPath $healthyPath
        $result.CheckedAt | Should -BeExactly '2026-11-22T12:00:00.0000000Z'
    }

    It 'returns one result per file' {
        $results = @(Test-RdpError0x904 -SnapshotPath $expiredPath, $healthyPath)
        $results | Should -HaveCount 2
    }
}

Describe 'Test-RdpError0x904 error codes' -Tag 'Unit' {
    It 'reads hex and decimal alike' {
        $hex = Test-RdpError0x904 -SnapshotPath $expiredPath -ErrorCode '0x904' -ExtendedErrorCode '0x7'
        $decimal = Test-RdpError0x904 -SnapshotPath $expiredPath -ErrorCode '2308' -ExtendedErrorCode '7'
        $hex.ErrorCode | Should -Be 2308
        $hex.ExtendedErrorCode | Should -Be 7
        $decimal.ErrorCode | Should -Be 2308
        @($hex.Findings.Id) | Should -Be @($decimal.Findings.Id)
    }

    It 'marks whether each cause fits the codes, and null without codes' {
        $with = Test-RdpError0x904 -SnapshotPath $expiredPath -ErrorCode '0x904' -ExtendedErrorCode '0x7'
        ($with.Findings | Where-Object -Property Id -EQ -Value 'C05').MatchesErrorCode | Should -BeTrue
        $without = Test-RdpError0x904 -SnapshotPath $expiredPath
        ($without.Findings | Where-Object -Property Id -EQ -Value 'C05').MatchesErrorCode | Should -BeNullOrEmpty
    }

    It 'refuses a malformed -ErrorCode with a message naming the parameter, before reading anything' {
        Mock -CommandName Get-Content -ModuleName 'RdpDoctor' -MockWith { throw 'must not be read' }
        { Test-RdpError0x904 -SnapshotPath $expiredPath -ErrorCode '0xZZ' } | Should -Throw -ExpectedMessage "-ErrorCode: '0xZZ' is not an error code*"
        { Test-RdpError0x904 -SnapshotPath $expiredPath -ExtendedErrorCode '99999999999' } | Should -Throw -ExpectedMessage '-ExtendedErrorCode:*'
        Should -Invoke -CommandName Get-Content -ModuleName 'RdpDoctor' -Times 0 -Exactly
    }
}

Describe 'Test-RdpError0x904 bad snapshot files' -Tag 'Unit' {
    It 'names -SnapshotPath when the file is missing' {
        { Test-RdpError0x904 -SnapshotPath (Join-Path -Path $TestDrive -ChildPath 'missing.json') } | Should -Throw -ExpectedMessage '-SnapshotPath: cannot read*'
    }

    It 'refuses a schema version it does not know' {
        $newer = Join-Path -Path $TestDrive -ChildPath 'newer.json'
        Set-Content -LiteralPath $newer -Value '{ "SchemaVersion": 2, "CollectedAt": "2026-11-22T12:00:00Z" }' -Encoding ASCII
        { Test-RdpError0x904 -SnapshotPath $newer } | Should -Throw -ExpectedMessage "*has SchemaVersion '2'*"
    }
}

Describe 'Get-RdpDiagnosticSnapshot output' -Tag 'Unit' {
    BeforeAll {
        # Every Windows-only read fails as on a locked-down host; the snapshot must still be complete.
        Mock -CommandName Get-ItemProperty -ModuleName 'RdpDoctor' -MockWith { throw [System.UnauthorizedAccessException]::new('Access is denied.') }
        Mock -CommandName Get-CimInstance -ModuleName 'RdpDoctor' -MockWith { throw [System.UnauthorizedAccessException]::new('Access is denied.') }
        Mock -CommandName Get-ChildItem -ModuleName 'RdpDoctor' -MockWith { throw [System.UnauthorizedAccessException]::new('Access is denied.') }
        Mock -CommandName Get-WinEvent -ModuleName 'RdpDoctor' -MockWith { throw [System.UnauthorizedAccessException]::new('Access is denied.') }
        Mock -CommandName Get-Acl -ModuleName 'RdpDoctor' -MockWith { throw [System.UnauthorizedAccessException]::new('Access is denied.') }
    }

    It 'returns a versioned snapshot with every section even when reads are denied' {
        $snapshot = Get-RdpDiagnosticSnapshot
        $snapshot.SchemaVersion | Should -Be 1
        $snapshot.PSObject.TypeNames[0] | Should -BeExactly 'RdpDoctor.Snapshot'
        $snapshot.Redacted | Should -BeFalse
        foreach ($section in 'Host', 'Services', 'Connections', 'Listener', 'Certificates', 'Schannel', 'Firewall', 'Limits', 'Licensing', 'Rcm', 'CredSsp', 'Client', 'Events') {
            $snapshot.PSObject.Properties.Name | Should -Contain $section
        }
    }

    It 'writes UTF-8 JSON without BOM to -Path and returns the file' {
        $target = Join-Path -Path $TestDrive -ChildPath 'snap.json'
        $file = Get-RdpDiagnosticSnapshot -Path $target
        $file.FullName | Should -BeExactly $target
        $bytes = [System.IO.File]::ReadAllBytes($target)
        $bytes[0] | Should -Be ([byte][char]'{')
        (Get-Content -LiteralPath $target -Raw | ConvertFrom-Json).SchemaVersion | Should -Be 1
    }

    It 'returns JSON text with -OutputFormat Json, which Test-RdpError0x904 -SnapshotPath reads back' {
        $json = Get-RdpDiagnosticSnapshot -OutputFormat Json
        $json | Should -BeOfType [string]
        $target = Join-Path -Path $TestDrive -ChildPath 'roundtrip.json'
        Set-Content -LiteralPath $target -Value $json -Encoding UTF8
        (Test-RdpError0x904 -SnapshotPath $target).SnapshotVersion | Should -Be 1
    }

    It 'refuses an -EventDays outside 1..365, naming the parameter' {
        { Get-RdpDiagnosticSnapshot -EventDays 0 } | Should -Throw -ExpectedMessage "*'EventDays'*"
    }
}
