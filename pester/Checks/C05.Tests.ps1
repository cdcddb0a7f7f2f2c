#Requires -Version 5.1
<#
    C05: RDP self-signed certificate expired, missing, or cannot be renewed.
    (a) The verdict function over the shared fixtures (test/fixtures/C05/*.json; vitest evaluates the same files).
    (b) The evidence collector through Test-RdpError0x904, with every Windows-only command mocked.
#>

BeforeDiscovery {
    $repoRoot = Split-Path -Path (Split-Path -Path $PSScriptRoot -Parent) -Parent
    $fixtureRoot = Join-Path -Path (Join-Path -Path (Join-Path -Path $repoRoot -ChildPath 'test') -ChildPath 'fixtures') -ChildPath 'C05'

    $fixtureCases = @()
    if (Test-Path -LiteralPath $fixtureRoot -PathType Container) {
        $fixtureCases = @(
            Get-ChildItem -LiteralPath $fixtureRoot -Filter '*.json' -File |
                Sort-Object -Property Name |
                ForEach-Object {
                    $fixture = Get-Content -LiteralPath $_.FullName -Raw -Encoding UTF8 | ConvertFrom-Json
                    @{
                        Name = $fixture.case
                        ExpectedStatus = $fixture.expected.status
                        FixturePath = $_.FullName
                    }
                }
        )
    }
}

BeforeAll {
    $repoRoot = Split-Path -Path (Split-Path -Path $PSScriptRoot -Parent) -Parent
    $fixtureRoot = Join-Path -Path (Join-Path -Path (Join-Path -Path $repoRoot -ChildPath 'test') -ChildPath 'fixtures') -ChildPath 'C05'
    $manifestPath = Join-Path -Path (Join-Path -Path (Join-Path -Path $repoRoot -ChildPath 'dist-ps') -ChildPath 'RdpDoctor') -ChildPath 'RdpDoctor.psd1'
    Import-Module -Name $manifestPath -Force -ErrorAction Stop

    function ConvertTo-UtcDateTime {
        <#
        .SYNOPSIS
            A fixture timestamp as a UTC [datetime]. PowerShell 7's ConvertFrom-Json already returns [datetime]
            for ISO 8601 strings; Windows PowerShell 5.1 keeps the string.
        #>
        [CmdletBinding()]
        [OutputType([datetime])]
        param(
            [Parameter(Mandatory)]
            [object]
            $Value
        )

        if ($Value -is [datetime]) {
            return $Value.ToUniversalTime()
        }
        return [datetime]::Parse(
            [string]$Value,
            [System.Globalization.CultureInfo]::InvariantCulture,
            [System.Globalization.DateTimeStyles]::AdjustToUniversal
        )
    }
}

AfterAll {
    Remove-Module -Name 'RdpDoctor' -Force -ErrorAction SilentlyContinue
}

Describe 'C05 verdict (ResolveRdpCauseC05) over the shared fixtures' {
    It 'finds the shared fixtures in test/fixtures/C05' {
        @(Get-ChildItem -LiteralPath $fixtureRoot -Filter '*.json' -File) | Should -Not -BeNullOrEmpty
    }

    Context '<Name> => <ExpectedStatus>' -ForEach $fixtureCases {
        BeforeAll {
            $fixture = Get-Content -LiteralPath $FixturePath -Raw -Encoding UTF8 | ConvertFrom-Json
            $now = ConvertTo-UtcDateTime -Value $fixture.now
            $findings = @(
                InModuleScope -ModuleName 'RdpDoctor' -Parameters @{ Evidence = $fixture.evidence; Now = $now } -ScriptBlock {
                    param($Evidence, $Now)
                    ResolveRdpCauseC05 -Evidence $Evidence -Now $Now
                }
            )
            $finding = $findings[0]
        }

        It 'returns exactly one finding' {
            $findings | Should -HaveCount 1
        }

        It 'has the expected status' {
            $finding.Status | Should -BeExactly $ExpectedStatus
        }

        It 'is finding C05 on the Server side' {
            $finding.Id | Should -BeExactly 'C05'
            $finding.Side | Should -BeExactly 'Server'
            $finding.PSTypeNames | Should -Contain 'RdpDoctor.Finding'
        }

        It 'carries the evidence it was given' {
            $finding.Evidence.PSObject.Properties.Name | Should -Contain 'TermService'
            $finding.Evidence.PSObject.Properties.Name | Should -Contain 'Store'
            $finding.Evidence.TermService | Should -Be $fixture.evidence.TermService
            $finding.Evidence.StoreError | Should -Be $fixture.evidence.StoreError
        }

        It 'has a reason, a fix and https sources' {
            "$($finding.Reason)".Trim() | Should -Not -BeNullOrEmpty
            $finding.Fix | Should -Not -BeNullOrEmpty
            $finding.Sources | Should -Not -BeNullOrEmpty
            @($finding.Sources) | Where-Object { $_ -notmatch '^https://' } | Should -HaveCount 0
        }

        It 'rehearses each fix step with -WhatIf before the real step' {
            $steps = @($finding.Fix)
            $rehearsals = @($steps | Where-Object { $_ -match '\s-WhatIf\b' })
            $rehearsals | Should -Not -BeNullOrEmpty
            foreach ($rehearsal in $rehearsals) {
                $counterpart = ($rehearsal -replace '\s+-WhatIf\b', '').TrimEnd()
                $rehearsalIndex = [array]::IndexOf($steps, $rehearsal)
                $counterpartIndex = [array]::IndexOf($steps, $counterpart)
                $counterpartIndex | Should -BeGreaterThan $rehearsalIndex -Because "'$counterpart' must follow its rehearsal '$rehearsal'"
            }
        }

        It 'has no state-changing fix step without an earlier -WhatIf rehearsal' {
            $steps = @($finding.Fix)
            $changingVerbs = @('Clear', 'Disable', 'Enable', 'Install', 'Move', 'New', 'Register', 'Remove', 'Rename', 'Reset', 'Restart', 'Set', 'Start', 'Stop', 'Uninstall', 'Unregister', 'Update')
            $unrehearsed = @(
                for ($i = 0; $i -lt $steps.Count; $i++) {
                    $step = $steps[$i]
                    if (($step -match '^\s*(?<verb>[A-Za-z]+)-') -and ($Matches['verb'] -in $changingVerbs) -and ($step -notmatch '\s-WhatIf\b')) {
                        $rehearsalIndex = [array]::IndexOf($steps, "$step -WhatIf")
                        if (($rehearsalIndex -lt 0) -or ($rehearsalIndex -gt $i)) {
                            $step
                        }
                    }
                }
            )
            $unrehearsed | Should -HaveCount 0
        }

        It 'never tells the user to rename the MachineKeys folder' {
            @($finding.Fix) | Where-Object { $_ -match 'Rename-Item.*MachineKeys' } | Should -HaveCount 0
        }
    }
}

Describe 'C05 collector through Test-RdpError0x904 (mocked Windows state)' {
    BeforeAll {
        # Pester can only mock commands that exist. On PowerShell 7 for Linux or macOS there is no Get-Service,
        # Restart-Service, Get-CimInstance or Get-WinEvent, so define stand-ins for the duration of this block.
        $createdStubs = [System.Collections.Generic.List[string]]::new()
        if (-not (Get-Command -Name 'Get-Service' -ErrorAction SilentlyContinue)) {
            function global:Get-Service {
                [CmdletBinding()]
                param(
                    [string[]]
                    $Name
                )
            }
            $createdStubs.Add('Get-Service')
        }
        if (-not (Get-Command -Name 'Restart-Service' -ErrorAction SilentlyContinue)) {
            function global:Restart-Service {
                [CmdletBinding()]
                param(
                    [string[]]
                    $Name
                )
            }
            $createdStubs.Add('Restart-Service')
        }
        if (-not (Get-Command -Name 'Get-CimInstance' -ErrorAction SilentlyContinue)) {
            function global:Get-CimInstance {
                [CmdletBinding()]
                param(
                    [string]
                    $Namespace,

                    [string]
                    $ClassName,

                    [string]
                    $Filter
                )
            }
            $createdStubs.Add('Get-CimInstance')
        }
        if (-not (Get-Command -Name 'Get-WinEvent' -ErrorAction SilentlyContinue)) {
            function global:Get-WinEvent {
                [CmdletBinding()]
                param(
                    [hashtable[]]
                    $FilterHashtable
                )
            }
            $createdStubs.Add('Get-WinEvent')
        }

        # A healthy RDP host; each Context below overrides only what its case changes.
        Mock -CommandName 'Get-Service' -ModuleName 'RdpDoctor' -MockWith {
            [pscustomobject]@{
                Name = 'TermService'
                Status = 'Running'
            }
        }
        Mock -CommandName 'Get-ChildItem' -ModuleName 'RdpDoctor' -MockWith {
            [pscustomobject]@{
                Thumbprint = '3F2A6C1B9E0D4F5A8B7C6D5E4F3A2B1C0D9E8F7A'
                Subject = 'CN=RDHOST01.contoso.local'
                NotAfter = (Get-Date).AddDays(120)
                HasPrivateKey = $true
            }
        }
        Mock -CommandName 'Get-CimInstance' -ModuleName 'RdpDoctor' -MockWith {
            [pscustomobject]@{
                SSLCertificateSHA1HashType = 1
                SSLCertificateSHA1Hash = '3F2A6C1B9E0D4F5A8B7C6D5E4F3A2B1C0D9E8F7A'
            }
        }
        Mock -CommandName 'Get-WinEvent' -ModuleName 'RdpDoctor' -MockWith {
            $exception = New-Object -TypeName System.Exception -ArgumentList 'No events were found that match the specified selection criteria.'
            $record = New-Object -TypeName System.Management.Automation.ErrorRecord -ArgumentList @(
                $exception
                'NoMatchingEventsFound,Microsoft.PowerShell.Commands.GetWinEventCommand'
                [System.Management.Automation.ErrorCategory]::ObjectNotFound
                $null
            )
            throw $record
        }

        # The diagnosis only reads. These mocks exist so that any call would be counted instead of executed.
        Mock -CommandName 'Remove-Item' -ModuleName 'RdpDoctor'
        Mock -CommandName 'Restart-Service' -ModuleName 'RdpDoctor'
        Mock -CommandName 'Set-ItemProperty' -ModuleName 'RdpDoctor'
    }

    AfterAll {
        foreach ($stubName in $createdStubs) {
            Remove-Item -LiteralPath "Function:\$stubName" -Force -ErrorAction SilentlyContinue
        }
    }

    Context 'Healthy host' {
        It 'returns one RdpDoctor.DiagnosisResult whose first finding is C05 Pass' {
            $result = @(Test-RdpError0x904)
            $result | Should -HaveCount 1
            $result[0].PSTypeNames | Should -Contain 'RdpDoctor.DiagnosisResult'
            $result[0].Findings[0].Id | Should -BeExactly 'C05'
            $result[0].Findings[0].Status | Should -BeExactly 'Pass'
        }

        It 'records what it read as evidence' {
            $evidence = (Test-RdpError0x904).Findings[0].Evidence
            $evidence.TermService | Should -BeExactly 'Running'
            $evidence.HashType | Should -Be 1
            @($evidence.Store) | Should -HaveCount 1
            $evidence.Store[0].Thumbprint | Should -BeExactly '3F2A6C1B9E0D4F5A8B7C6D5E4F3A2B1C0D9E8F7A'
            $evidence.Rcm1057 | Should -Be 0
            $evidence.Rcm1058 | Should -Be 0
            $evidence.Schannel36870 | Should -Be 0
            $evidence.StoreError | Should -BeNullOrEmpty
            $evidence.SettingError | Should -BeNullOrEmpty
            $evidence.EventError | Should -BeNullOrEmpty
        }

        It "reads the 'Cert:\LocalMachine\Remote Desktop' store" {
            $null = Test-RdpError0x904
            Should -Invoke -CommandName 'Get-ChildItem' -ModuleName 'RdpDoctor' -Scope It -Times 1 -Exactly -ParameterFilter {
                $Path -eq 'Cert:\LocalMachine\Remote Desktop'
            }
        }

        It 'reads the RDP-Tcp listener setting and the three event queries' {
            $null = Test-RdpError0x904
            Should -Invoke -CommandName 'Get-CimInstance' -ModuleName 'RdpDoctor' -Scope It -Times 1 -Exactly -ParameterFilter {
                $ClassName -eq 'Win32_TSGeneralSetting'
            }
            Should -Invoke -CommandName 'Get-WinEvent' -ModuleName 'RdpDoctor' -Scope It -Times 3 -Exactly
        }

        It 'passes -EventDays through to the evidence' {
            (Test-RdpError0x904 -EventDays 30).Findings[0].Evidence.EventDays | Should -Be 30
        }

        It 'changes nothing' {
            $null = Test-RdpError0x904
            Should -Invoke -CommandName 'Remove-Item' -ModuleName 'RdpDoctor' -Scope It -Times 0 -Exactly
            Should -Invoke -CommandName 'Restart-Service' -ModuleName 'RdpDoctor' -Scope It -Times 0 -Exactly
            Should -Invoke -CommandName 'Set-ItemProperty' -ModuleName 'RdpDoctor' -Scope It -Times 0 -Exactly
        }

        It 'rejects -EventDays <EventDays>' -ForEach @(
            @{ EventDays = 0 }
            @{ EventDays = 366 }
        ) {
            { Test-RdpError0x904 -EventDays $EventDays } | Should -Throw -ErrorId 'ParameterArgumentValidationError,Test-RdpError0x904'
        }
    }

    Context 'Expired certificate' {
        BeforeAll {
            Mock -CommandName 'Get-ChildItem' -ModuleName 'RdpDoctor' -MockWith {
                [pscustomobject]@{
                    Thumbprint = '3F2A6C1B9E0D4F5A8B7C6D5E4F3A2B1C0D9E8F7A'
                    Subject = 'CN=RDHOST01.contoso.local'
                    NotAfter = (Get-Date).AddDays(-30)
                    HasPrivateKey = $true
                }
            }
        }

        It 'fails C05' {
            (Test-RdpError0x904).Findings[0].Status | Should -BeExactly 'Fail'
        }

        It 'changes nothing, even though the check failed' {
            $null = Test-RdpError0x904
            Should -Invoke -CommandName 'Remove-Item' -ModuleName 'RdpDoctor' -Scope It -Times 0 -Exactly
            Should -Invoke -CommandName 'Restart-Service' -ModuleName 'RdpDoctor' -Scope It -Times 0 -Exactly
            Should -Invoke -CommandName 'Set-ItemProperty' -ModuleName 'RdpDoctor' -Scope It -Times 0 -Exactly
        }
    }

    Context 'Store not readable (not elevated)' {
        BeforeAll {
            Mock -CommandName 'Get-ChildItem' -ModuleName 'RdpDoctor' -MockWith {
                throw (New-Object -TypeName System.UnauthorizedAccessException -ArgumentList 'Access is denied.')
            }
        }

        It 'reports C05 as Unknown with the store error as evidence' {
            $finding = (Test-RdpError0x904).Findings[0]
            $finding.Status | Should -BeExactly 'Unknown'
            $finding.Evidence.StoreError | Should -BeExactly 'Access is denied.'
        }
    }

    Context 'Remote Desktop Services not installed' {
        BeforeAll {
            Mock -CommandName 'Get-Service' -ModuleName 'RdpDoctor' -MockWith {
                $null
            }
        }

        It 'reports C05 as NotApplicable' {
            $finding = (Test-RdpError0x904).Findings[0]
            $finding.Status | Should -BeExactly 'NotApplicable'
            $finding.Evidence.TermService | Should -BeExactly 'Missing'
        }
    }

    Context 'Renewal failures logged (RemoteConnectionManager event 1058)' {
        BeforeAll {
            Mock -CommandName 'Get-WinEvent' -ModuleName 'RdpDoctor' -ParameterFilter {
                $FilterHashtable.Id -eq 1058
            } -MockWith {
                [pscustomobject]@{
                    Id = 1058
                    ProviderName = 'Microsoft-Windows-TerminalServices-RemoteConnectionManager'
                }
                [pscustomobject]@{
                    Id = 1058
                    ProviderName = 'Microsoft-Windows-TerminalServices-RemoteConnectionManager'
                }
            }
        }

        It 'fails C05 and counts the two events' {
            $finding = (Test-RdpError0x904).Findings[0]
            $finding.Status | Should -BeExactly 'Fail'
            $finding.Evidence.Rcm1058 | Should -Be 2
            $finding.Evidence.Rcm1057 | Should -Be 0
            $finding.Evidence.Schannel36870 | Should -Be 0
        }
    }

    Context 'Listener setting not readable' {
        BeforeAll {
            Mock -CommandName 'Get-CimInstance' -ModuleName 'RdpDoctor' -MockWith {
                throw 'Invalid namespace'
            }
        }

        It 'records the setting error and still judges the store' {
            $finding = (Test-RdpError0x904).Findings[0]
            $finding.Evidence.SettingError | Should -BeExactly 'Invalid namespace'
            $finding.Evidence.HashType | Should -BeNullOrEmpty
            $finding.Status | Should -BeExactly 'Pass'
        }
    }
}
