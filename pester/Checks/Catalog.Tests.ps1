#Requires -Version 5.1
<#
    The catalog's verdicts from the real module. Test-RdpError0x904 -SnapshotPath runs on every shared snapshot
    fixture (test/fixtures/snapshots/index.json). Each finding's Status, Confidence, MatchesErrorCode and
    PolicyManaged, and the ranked order of the Ids, must equal test/fixtures/verdicts.json. That file is
    computed from the TypeScript catalog by test/differential-verdicts.test.ts, so Pester and vitest hold
    the module to the same expectations. test/differential.test.ts checks the same thing without pwsh, using
    an interpreter of the printed module.
#>

BeforeDiscovery {
    $repoRoot = Split-Path -Path (Split-Path -Path $PSScriptRoot -Parent) -Parent
    $fixtureRoot = Join-Path -Path (Join-Path -Path (Join-Path -Path $repoRoot -ChildPath 'test') -ChildPath 'fixtures') -ChildPath 'snapshots'

    # Windows PowerShell 5.1 writes a JSON array as one object, so the result is assigned first, then enumerated.
    $index = Get-Content -LiteralPath (Join-Path -Path $fixtureRoot -ChildPath 'index.json') -Raw -Encoding UTF8 | ConvertFrom-Json
    $fixtureCases = @(
        foreach ($entry in $index) {
            @{
                File              = $entry.file
                ErrorCode         = $entry.errorCode
                ExtendedErrorCode = $entry.extendedErrorCode
            }
        }
    )
}

BeforeAll {
    $repoRoot = Split-Path -Path (Split-Path -Path $PSScriptRoot -Parent) -Parent
    $manifestPath = Join-Path -Path (Join-Path -Path (Join-Path -Path $repoRoot -ChildPath 'dist-ps') -ChildPath 'RdpDoctor') -ChildPath 'RdpDoctor.psd1'
    $fixtureRoot = Join-Path -Path (Join-Path -Path (Join-Path -Path $repoRoot -ChildPath 'test') -ChildPath 'fixtures') -ChildPath 'snapshots'
    $verdictsPath = Join-Path -Path (Join-Path -Path (Join-Path -Path $repoRoot -ChildPath 'test') -ChildPath 'fixtures') -ChildPath 'verdicts.json'

    Import-Module -Name $manifestPath -Force -ErrorAction Stop

    $expectedByFile = @{}
    $verdicts = Get-Content -LiteralPath $verdictsPath -Raw -Encoding UTF8 | ConvertFrom-Json
    foreach ($verdict in $verdicts) {
        $expectedByFile[$verdict.file] = $verdict
    }
}

AfterAll {
    Remove-Module -Name 'RdpDoctor' -Force -ErrorAction SilentlyContinue
}

Describe 'Test-RdpError0x904 gives every fixture the verdicts in test/fixtures/verdicts.json' {
    It '<File>' -TestCases $fixtureCases {
        param($File, $ErrorCode, $ExtendedErrorCode)

        $expected = $expectedByFile[$File]
        $expected | Should -Not -BeNullOrEmpty -Because "verdicts.json has an entry for $File (UPDATE_FIXTURES=1 rewrites it)"

        # Codes are passed as decimal text, as a user may type them; $null means the parameter is left out.
        $arguments = @{
            SnapshotPath = Join-Path -Path $fixtureRoot -ChildPath $File
        }
        if ($null -ne $ErrorCode) {
            $arguments['ErrorCode'] = [string]$ErrorCode
        }
        if ($null -ne $ExtendedErrorCode) {
            $arguments['ExtendedErrorCode'] = [string]$ExtendedErrorCode
        }
        $result = Test-RdpError0x904 @arguments

        @($result).Count | Should -Be 1
        $rankedIds = @($result.Findings | ForEach-Object -Process { $_.Id })
        ($rankedIds -join ',') | Should -BeExactly (@($expected.ranked) -join ',')

        foreach ($finding in $result.Findings) {
            $want = $expected.findings.($finding.Id)
            $want | Should -Not -BeNullOrEmpty -Because "verdicts.json lists $($finding.Id)"
            $finding.Status | Should -BeExactly $want.Status -Because "$($finding.Id).Status"
            $finding.Confidence | Should -BeExactly $want.Confidence -Because "$($finding.Id).Confidence"
            $finding.PolicyManaged | Should -Be $want.PolicyManaged -Because "$($finding.Id).PolicyManaged"
            if ($null -eq $want.MatchesErrorCode) {
                $finding.MatchesErrorCode | Should -BeNullOrEmpty -Because "$($finding.Id).MatchesErrorCode"
            } else {
                $finding.MatchesErrorCode | Should -Be $want.MatchesErrorCode -Because "$($finding.Id).MatchesErrorCode"
            }
        }
    }
}
