#Requires -Version 5.1
<#
    Test-RdpEndpoint as PowerShell runs it.
    Unit: the byte helpers (NewRdpConnectionRequest, ConvertFromRdpConnectionConfirm, GetRdpSniffedProtocol) on the
    recorded xrdp / freerdp-shadow answers of protocol-probe.md section 3 (test/peers/recorded-answers.ts), the same
    vectors test/endpoint-function.test.ts runs through the interpreter.
    Integration: the probe against the peer lab (test/peers/lab.ts); each scenario's port comes from an environment
    variable, and a scenario whose variable is unset is skipped:
      RDP_LAB_XRDP_PORT         xrdp negotiate mode, valid self-signed certificate (selects SSL)
      RDP_LAB_XRDP_RDP_PORT     xrdp rdp-only (selects Standard RDP Security)
      RDP_LAB_XRDP_NOCERT_PORT  xrdp tls-nocert (RDP_NEG_FAILURE SSL_CERT_NOT_ON_SERVER)
      RDP_LAB_SHADOW_NLA_PORT   freerdp-shadow-cli /sec:nla (selects HYBRID)
      RDP_LAB_HOST              the lab's address, 127.0.0.1 when unset
#>

BeforeDiscovery {
    $script:noXrdp = [string]::IsNullOrEmpty($env:RDP_LAB_XRDP_PORT)
    $script:noXrdpRdp = [string]::IsNullOrEmpty($env:RDP_LAB_XRDP_RDP_PORT)
    $script:noXrdpNoCert = [string]::IsNullOrEmpty($env:RDP_LAB_XRDP_NOCERT_PORT)
    $script:noShadowNla = [string]::IsNullOrEmpty($env:RDP_LAB_SHADOW_NLA_PORT)
}

BeforeAll {
    $repoRoot = Split-Path -Path (Split-Path -Path $PSScriptRoot -Parent) -Parent
    $manifestPath = Join-Path -Path (Join-Path -Path (Join-Path -Path $repoRoot -ChildPath 'dist-ps') -ChildPath 'RdpDoctor') -ChildPath 'RdpDoctor.psd1'
    Import-Module -Name $manifestPath -Force -ErrorAction Stop
    $script:labHost = '127.0.0.1'
    if (-not [string]::IsNullOrEmpty($env:RDP_LAB_HOST)) { $script:labHost = $env:RDP_LAB_HOST }
    $script:resultProperties = 'ComputerName,Port,Reachable,Stage,SelectedProtocol,NegotiationFailure,TlsVersion,CipherSuite,Certificate,AcceptedProtocols,Findings,Verdict,TimingsMs'
}

AfterAll {
    Remove-Module -Name 'RdpDoctor' -Force -ErrorAction SilentlyContinue
}

Describe 'Endpoint byte helpers' -Tag 'Unit' {
    BeforeAll {
        # The byte helpers are private module functions (the probe's runspaces get them by definition); the tests
        # below call them through InModuleScope.
        function ConvertFromHex {
            param([string]$Hex)
            $bytes = New-Object -TypeName 'byte[]' -ArgumentList ($Hex.Length / 2)
            for ($i = 0; $i -lt $bytes.Length; $i++) { $bytes[$i] = [Convert]::ToByte($Hex.Substring($i * 2, 2), 16) }
            , $bytes
        }
        function ConvertToHex {
            param([byte[]]$Bytes)
            -join ($Bytes | ForEach-Object { $_.ToString('x2') })
        }
    }

    Context 'NewRdpConnectionRequest' {
        It 'builds the request mstsc sends, offering SSL|HYBRID|HYBRID_EX (protocol-probe.md s3)' {
            $bytes = InModuleScope -ModuleName 'RdpDoctor' { [byte[]](NewRdpConnectionRequest -RequestedProtocols 0xB) }
            ConvertToHex -Bytes $bytes | Should -BeExactly '030000130ee00000000000010008000b000000'
        }
        It 'writes requestedProtocols little-endian' {
            $bytes = InModuleScope -ModuleName 'RdpDoctor' { [byte[]](NewRdpConnectionRequest -RequestedProtocols 0x12345678) }
            ConvertToHex -Bytes $bytes | Should -BeExactly '030000130ee000000000000100080078563412'
        }
        It 'leaves out RDP_NEG_REQ with -Legacy' {
            $bytes = InModuleScope -ModuleName 'RdpDoctor' { [byte[]](NewRdpConnectionRequest -Legacy) }
            ConvertToHex -Bytes $bytes | Should -BeExactly '0300000b06e00000000000'
        }
    }

    Context 'ConvertFromRdpConnectionConfirm' {
        It 'reads <Name>' -ForEach @(
            @{ Name = 'xrdp selecting SSL'; Hex = '030000130ed000001234000201080001000000'; Kind = 'NegotiationResponse'; Property = 'SelectedProtocol'; Value = 'SSL' }
            @{ Name = 'xrdp selecting RDP'; Hex = '030000130ed000001234000201080000000000'; Kind = 'NegotiationResponse'; Property = 'SelectedProtocol'; Value = 'RDP' }
            @{ Name = 'shadow selecting HYBRID'; Hex = '030000130ed000000000000203080002000000'; Kind = 'NegotiationResponse'; Property = 'SelectedProtocol'; Value = 'HYBRID' }
            @{ Name = 'a synthetic HYBRID_EX answer'; Hex = '030000130ed000000000000203080008000000'; Kind = 'NegotiationResponse'; Property = 'SelectedProtocol'; Value = 'HYBRID_EX' }
            @{ Name = 'xrdp without a certificate'; Hex = '030000130ed000001234000300080003000000'; Kind = 'NegotiationFailure'; Property = 'NegotiationFailure'; Value = 'SSL_CERT_NOT_ON_SERVER' }
            @{ Name = 'shadow requiring NLA'; Hex = '030000130ed000000000000300080005000000'; Kind = 'NegotiationFailure'; Property = 'NegotiationFailure'; Value = 'HYBRID_REQUIRED_BY_SERVER' }
            @{ Name = 'a synthetic failure code 6'; Hex = '030000130ed000000000000300080006000000'; Kind = 'NegotiationFailure'; Property = 'NegotiationFailure'; Value = 'SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER' }
            @{ Name = 'an unknown failure code'; Hex = '030000130ed000000000000300080009000000'; Kind = 'NegotiationFailure'; Property = 'NegotiationFailure'; Value = 'UNKNOWN_FAILURE_9' }
            @{ Name = 'a legacy Connection Confirm'; Hex = '0300000b06d00000123400'; Kind = 'LegacyConfirm'; Property = 'Length'; Value = 11 }
            @{ Name = 'the xrdp MCS disconnect'; Hex = '0300000902f0802180'; Kind = 'McsDisconnect'; Property = 'DisconnectReason'; Value = 'rn-user-requested' }
            @{ Name = 'half a Connection Confirm'; Hex = '030000130ed0000012'; Kind = 'Truncated'; Property = 'Need'; Value = 19 }
            @{ Name = 'an SSH banner'; Hex = '5353482d322e302d4f70656e5353480d0a'; Kind = 'NotTpkt'; Property = 'Sniffed'; Value = 'SSH' }
            @{ Name = 'an HTTP answer'; Hex = '485454502f312e3120343030'; Kind = 'NotTpkt'; Property = 'Sniffed'; Value = 'HTTP' }
            @{ Name = 'a TLS record'; Hex = '160303007a020000760303'; Kind = 'NotTpkt'; Property = 'Sniffed'; Value = 'TLS' }
            @{ Name = 'a Disconnect Request TPDU'; Hex = '0300000b06800000123400'; Kind = 'Unexpected'; Property = 'Length'; Value = 11 }
        ) {
            $bytes = ConvertFromHex -Hex $Hex
            $parsed = InModuleScope -ModuleName 'RdpDoctor' -Parameters @{ Bytes = $bytes } { param($Bytes) ConvertFromRdpConnectionConfirm -Bytes $Bytes }
            $parsed.Kind | Should -BeExactly $Kind
            $parsed.$Property | Should -Be $Value
        }
    }
}

Describe 'Test-RdpEndpoint without a lab' -Tag 'Integration' {
    It 'stops at the Dns stage with P01 for a name that cannot resolve' {
        $result = Test-RdpEndpoint -ComputerName 'no-such-host.invalid' -TimeoutMs 3000
        $result.Stage | Should -BeExactly 'Dns'
        $result.Reachable | Should -BeFalse
        $result.Verdict | Should -BeExactly 'Failed'
        @($result.Findings | ForEach-Object -MemberName 'Id') -join ',' | Should -BeExactly 'P01'
    }
    It 'stops at the Tcp stage with P02 for a closed port' {
        # Port 1 on loopback: nothing listens there, so the connect is refused at once.
        $result = Test-RdpEndpoint -ComputerName '127.0.0.1' -Port 1 -TimeoutMs 2000
        $result.Stage | Should -BeExactly 'Tcp'
        @($result.Findings | ForEach-Object -MemberName 'Id') -join ',' | Should -BeExactly 'P02'
        ($result.PSObject.Properties | ForEach-Object -MemberName 'Name') -join ',' | Should -BeExactly $script:resultProperties
    }
    It 'returns results in input order, whatever finishes first' {
        $names = @('127.0.0.1', 'no-such-host.invalid', '127.0.0.1')
        $results = @($names | Test-RdpEndpoint -Port 1 -TimeoutMs 2000 -ThrottleLimit 3)
        ($results | ForEach-Object -MemberName 'ComputerName') -join ',' | Should -BeExactly ($names -join ',')
    }
}

Describe 'Test-RdpEndpoint against xrdp selecting SSL' -Tag 'Integration' -Skip:$script:noXrdp {
    BeforeAll {
        $port = [int]$env:RDP_LAB_XRDP_PORT
        $result = Test-RdpEndpoint -ComputerName $script:labHost -Port $port -TimeoutMs 3000 -Enumerate
    }
    It 'returns one RdpDoctor.EndpointResult with the contract properties, in order' {
        @($result) | Should -HaveCount 1
        $result.PSObject.TypeNames | Should -Contain 'RdpDoctor.EndpointResult'
        ($result.PSObject.Properties | ForEach-Object -MemberName 'Name') -join ',' | Should -BeExactly $script:resultProperties
    }
    It 'completes X.224 and TLS' {
        $result.Reachable | Should -BeTrue
        $result.Stage | Should -BeExactly 'Done'
        $result.SelectedProtocol | Should -BeExactly 'SSL'
        $result.TlsVersion | Should -Match '^TLS 1\.[23]$'
        $result.CipherSuite | Should -Not -BeNullOrEmpty
    }
    It 'describes the self-signed lab certificate' {
        $result.Certificate.Thumbprint | Should -Match '^[0-9A-F]{40}$'
        $result.Certificate.IsSelfSigned | Should -BeTrue
        $result.Certificate.IsExpired | Should -BeFalse
        $result.Certificate.KeyAlgorithm | Should -BeExactly 'RSA'
        $result.Certificate.KeySize | Should -BeGreaterOrEqual 2048
        $result.Certificate.NotAfter | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$'
    }
    It 'reports no NLA (xrdp answers CredSSP with SSL) and the self-signed certificate' {
        $ids = @($result.Findings | ForEach-Object -MemberName 'Id')
        $ids | Should -Contain 'P12'
        $ids | Should -Contain 'P17'
        $result.Verdict | Should -BeExactly 'Warning'
    }
    It 'enumerates RDP and SSL as accepted, and not HYBRID (pitfall P7)' {
        $result.AcceptedProtocols | Should -Contain 'RDP'
        $result.AcceptedProtocols | Should -Contain 'SSL'
        $result.AcceptedProtocols | Should -Not -Contain 'HYBRID'
    }
}

Describe 'Test-RdpEndpoint against xrdp in rdp-only mode' -Tag 'Integration' -Skip:$script:noXrdpRdp {
    It 'reports Standard RDP Security (P11) without a TLS stage' {
        $result = Test-RdpEndpoint -ComputerName $script:labHost -Port ([int]$env:RDP_LAB_XRDP_RDP_PORT) -TimeoutMs 3000
        $result.Stage | Should -BeExactly 'Done'
        $result.SelectedProtocol | Should -BeExactly 'RDP'
        $result.TlsVersion | Should -BeNullOrEmpty
        @($result.Findings | ForEach-Object -MemberName 'Id') | Should -Contain 'P11'
    }
}

Describe 'Test-RdpEndpoint against xrdp without a certificate' -Tag 'Integration' -Skip:$script:noXrdpNoCert {
    It 'reports RDP_NEG_FAILURE SSL_CERT_NOT_ON_SERVER (P08) at the X224 stage' {
        $result = Test-RdpEndpoint -ComputerName $script:labHost -Port ([int]$env:RDP_LAB_XRDP_NOCERT_PORT) -TimeoutMs 3000
        $result.Stage | Should -BeExactly 'X224'
        $result.NegotiationFailure | Should -BeExactly 'SSL_CERT_NOT_ON_SERVER'
        $result.Verdict | Should -BeExactly 'Failed'
        @($result.Findings | ForEach-Object -MemberName 'Id') -join ',' | Should -BeExactly 'P08'
    }
}

Describe 'Test-RdpEndpoint against freerdp-shadow requiring NLA' -Tag 'Integration' -Skip:$script:noShadowNla {
    It 'sees HYBRID selected and raises no no-NLA finding' {
        $result = Test-RdpEndpoint -ComputerName $script:labHost -Port ([int]$env:RDP_LAB_SHADOW_NLA_PORT) -TimeoutMs 3000
        $result.SelectedProtocol | Should -BeExactly 'HYBRID'
        @($result.Findings | ForEach-Object -MemberName 'Id') | Should -Not -Contain 'P12'
    }
}
