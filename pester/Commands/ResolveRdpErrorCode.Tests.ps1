#Requires -Version 5.1
<#
    Resolve-RdpErrorCode as PowerShell runs it: the same decoding as src/decode/decode.ts (test/decode.test.ts),
    from the tables the module carries as data.
#>

BeforeAll {
    $repoRoot = Split-Path -Path (Split-Path -Path $PSScriptRoot -Parent) -Parent
    $manifestPath = Join-Path -Path (Join-Path -Path (Join-Path -Path $repoRoot -ChildPath 'dist-ps') -ChildPath 'RdpDoctor') -ChildPath 'RdpDoctor.psd1'
    Import-Module -Name $manifestPath -Force -ErrorAction Stop
}

AfterAll {
    Remove-Module -Name 'RdpDoctor' -Force -ErrorAction SilentlyContinue
}

Describe 'Resolve-RdpErrorCode' {
    Context 'Known codes' {
        BeforeAll {
            $pair = Resolve-RdpErrorCode -Code '0x904' -ExtendedCode '0x7'
        }

        It 'returns one RdpDoctor.ErrorCodeInfo object' {
            @($pair) | Should -HaveCount 1
            $pair.PSObject.TypeNames | Should -Contain 'RdpDoctor.ErrorCodeInfo'
        }

        It 'decodes 0x904 as AtClientWinsockFDCLOSE, socket closed' {
            $pair.Code | Should -Be 2308
            $pair.Hex | Should -BeExactly '0x904'
            $pair.Known | Should -BeTrue
            $pair.Name | Should -BeExactly 'disconnectReasonAtClientWinsockFDCLOSE'
            $pair.Meaning | Should -Match 'socket closed'
            $pair.Source | Should -BeExactly 'R1'
            @($pair.Neighbours) | Should -HaveCount 0
        }

        It 'decodes extended 0x7 as ServerDeniedConnection and names the matching errorInfo' {
            $pair.ExtendedCode | Should -Be 7
            $pair.ExtendedHex | Should -BeExactly '0x7'
            $pair.ExtendedKnown | Should -BeTrue
            $pair.ExtendedName | Should -BeExactly 'exDiscReasonServerDeniedConnection'
            $pair.ExtendedMeaning | Should -Match 'server denied the connection'
            $pair.ErrorInfo | Should -BeExactly 'ERRINFO_SERVER_DENIED_CONNECTION'
        }

        It 'says extended codes are not Win32 error codes' {
            ($pair.Notes -join ' ') | Should -Match 'ERROR_ARENA_TRASHED'
        }

        It 'gives the same answer for 0x904, 2308, 0X904 and an unquoted 0x904' {
            $expected = Resolve-RdpErrorCode -Code '0x904' | ConvertTo-Json -Depth 5
            Resolve-RdpErrorCode -Code '2308' | ConvertTo-Json -Depth 5 | Should -BeExactly $expected
            Resolve-RdpErrorCode -Code '0X904' | ConvertTo-Json -Depth 5 | Should -BeExactly $expected
            Resolve-RdpErrorCode -Code 0x904 | ConvertTo-Json -Depth 5 | Should -BeExactly $expected
        }

        It 'leaves the extended properties empty without -ExtendedCode' {
            $single = Resolve-RdpErrorCode -Code '0x204'
            $single.ExtendedCode | Should -BeNullOrEmpty
            $single.ExtendedKnown | Should -BeNullOrEmpty
            $single.ErrorInfo | Should -BeNullOrEmpty
            @($single.Notes) | Should -HaveCount 0
        }

        It 'flags codes ending in 0x07 as CredSSP/NLA outcomes' {
            $credSsp = Resolve-RdpErrorCode -Code '0x2107'
            $credSsp.Name | Should -BeExactly 'SSL_ERR_FRESH_CRED_REQUIRED_BY_SERVER'
            $credSsp.CredSspOutcome | Should -BeTrue
            (Resolve-RdpErrorCode -Code '0x904').CredSspOutcome | Should -BeFalse
        }

        It 'decodes an extended code inside the protocol range and its errorInfo' {
            $protocol = Resolve-RdpErrorCode -Code '0x904' -ExtendedCode '0x10D3'
            $protocol.ExtendedKnown | Should -BeTrue
            $protocol.ExtendedName | Should -BeExactly 'exDiscReasonProtocolRange'
            $protocol.ErrorInfo | Should -BeExactly 'ERRINFO_CONNECTFAILED'
        }

        It 'accepts codes from the pipeline' {
            $results = @('0x204', '0x904' | Resolve-RdpErrorCode)
            $results | Should -HaveCount 2
            $results[0].Code | Should -Be 516
            $results[1].Code | Should -Be 2308
        }
    }

    Context 'Unknown codes' {
        It 'returns Known $false with the nearest documented codes below and above' {
            $unknown = Resolve-RdpErrorCode -Code '0x905'
            $unknown.Known | Should -BeFalse
            $unknown.Name | Should -BeNullOrEmpty
            @($unknown.Neighbours) | Should -HaveCount 2
            $unknown.Neighbours[0].Hex | Should -BeExactly '0x904'
            $unknown.Neighbours[0].Name | Should -BeExactly 'disconnectReasonAtClientWinsockFDCLOSE'
            $unknown.Neighbours[1].Hex | Should -BeExactly '0x906'
        }

        It 'returns only a lower neighbour above the highest documented code' {
            $top = Resolve-RdpErrorCode -Code '0xFFFFFFFF'
            $top.Known | Should -BeFalse
            @($top.Neighbours) | Should -HaveCount 1
            $top.Neighbours[0].Hex | Should -BeExactly '0x2207'
        }

        It 'names the errorInfo of an extended code the client enum lacks' {
            $reboot = Resolve-RdpErrorCode -Code '0x904' -ExtendedCode '0x1A'
            $reboot.ExtendedKnown | Should -BeFalse
            $reboot.ErrorInfo | Should -BeExactly 'ERRINFO_SERVER_REBOOT'
            (@($reboot.ExtendedNeighbours | ForEach-Object -Process { $_.Hex }) -join ',') | Should -BeExactly '0xC,0x100'
        }
    }

    Context 'Plausible causes' {
        It 'lists a catalog cause that names 0x904 among its codes' {
            $ids = @((Resolve-RdpErrorCode -Code '0x904').PlausibleCauses | ForEach-Object -Process { $_.Id })
            $ids | Should -Contain 'C05'
        }

        It 'keeps causes that also list the extended code' {
            $ids = @((Resolve-RdpErrorCode -Code '0x904' -ExtendedCode '0x7').PlausibleCauses | ForEach-Object -Process { $_.Id })
            $ids | Should -Contain 'C05'
        }

        It 'lists no cause for a code no cause names' {
            @((Resolve-RdpErrorCode -Code '0x905').PlausibleCauses) | Should -HaveCount 0
        }
    }

    Context 'Malformed input' {
        It 'throws for -Code <Value>, naming -Code' -ForEach @(
            @{ Value = 'zz' }
            @{ Value = '0x1FFFFFFFF' }
            @{ Value = '4294967296' }
            @{ Value = '-1' }
        ) {
            { Resolve-RdpErrorCode -Code $Value } | Should -Throw -ExpectedMessage "-Code: '$Value' is not an error code*"
        }

        It 'throws for a malformed -ExtendedCode, naming -ExtendedCode' {
            { Resolve-RdpErrorCode -Code '0x904' -ExtendedCode 'seven' } |
                Should -Throw -ExpectedMessage "-ExtendedCode: 'seven' is not an error code*"
        }
    }
}
