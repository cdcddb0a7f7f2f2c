#Requires -Version 5.1
<#
    Test-RdGateway against the RD Gateway mock of test/peers/rdg-mock.ts (protocol-probe.md section 8). The healthy
    mock's port comes from RDP_LAB_RDG_PORT (start the peer lab first); without it these tests are skipped.
    The mock's certificate is self-signed, so ChainTrusted depends on this machine's trust store.
#>

BeforeDiscovery {
    $script:noLab = [string]::IsNullOrEmpty($env:RDP_LAB_RDG_PORT)
}

BeforeAll {
    $repoRoot = Split-Path -Path (Split-Path -Path $PSScriptRoot -Parent) -Parent
    $manifestPath = Join-Path -Path (Join-Path -Path (Join-Path -Path $repoRoot -ChildPath 'dist-ps') -ChildPath 'RdpDoctor') -ChildPath 'RdpDoctor.psd1'
    Import-Module -Name $manifestPath -Force -ErrorAction Stop
}

AfterAll {
    Remove-Module -Name 'RdpDoctor' -Force -ErrorAction SilentlyContinue
}

Describe 'Test-RdGateway against the healthy RD Gateway mock' -Tag 'Integration' -Skip:$script:noLab {
    BeforeAll {
        $port = [int]$env:RDP_LAB_RDG_PORT
        $result = Test-RdGateway -ComputerName '127.0.0.1' -Port $port -TimeoutMs 3000
    }

    It 'returns one RdpDoctor.GatewayResult with the properties of the Node result, in order' {
        @($result) | Should -HaveCount 1
        $result.PSObject.TypeNames | Should -Contain 'RdpDoctor.GatewayResult'
        $names = @($result.PSObject.Properties | ForEach-Object -MemberName 'Name')
        $names -join ',' | Should -BeExactly 'ComputerName,Port,Reachable,Stage,TlsVersion,Certificate,HttpStatus,AuthSchemes,Findings,Verdict,TimingsMs'
    }

    It 'reads the 401 answer offering Negotiate and NTLM' {
        $result.Reachable | Should -BeTrue
        $result.Stage | Should -BeExactly 'Done'
        $result.HttpStatus | Should -Be 401
        $result.AuthSchemes -join ',' | Should -BeExactly 'Negotiate,NTLM'
        $result.TlsVersion | Should -Match '^TLS 1\.[0-3]$'
    }

    It 'describes the mock certificate (CN=localhost, SAN 127.0.0.1)' {
        $result.Certificate.Subject | Should -Match 'CN=localhost'
        $result.Certificate.Thumbprint | Should -Match '^[0-9A-F]{40}$'
        $result.Certificate.IsExpired | Should -BeFalse
        $result.Certificate.DaysLeft | Should -BeGreaterThan 300
        $result.Certificate.NotAfter | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$'
    }

    It 'has no HTTP finding; only certificate findings this machine may raise for a self-signed lab certificate' {
        $ids = @($result.Findings | ForEach-Object -MemberName 'Id')
        foreach ($id in $ids) { $id | Should -BeIn @('G06', 'G07') }
        if ($result.Certificate.ChainTrusted) { $ids | Should -Not -Contain 'G06' } else { $ids | Should -Contain 'G06' }
    }

    It 'gives the findings the shape of the diagnosis findings' {
        foreach ($finding in $result.Findings) {
            $finding.Side | Should -BeExactly 'Gateway'
            $finding.Status | Should -BeExactly 'Fail'
            $finding.PolicyManaged | Should -BeFalse
            @($finding.Sources).Count | Should -BeGreaterThan 0
        }
    }

    It 'accepts the gateway name from the pipeline' {
        $piped = @('127.0.0.1' | Test-RdGateway -Port $port -TimeoutMs 3000)
        $piped | Should -HaveCount 1
        $piped[0].HttpStatus | Should -Be 401
    }
}

Describe 'Test-RdGateway against a closed port' -Tag 'Integration' -Skip:$script:noLab {
    It 'stops at the Tcp stage with G02' {
        # Port 1 on loopback: nothing listens there on a lab machine, so the connect is refused at once.
        $closed = Test-RdGateway -ComputerName '127.0.0.1' -Port 1 -TimeoutMs 2000
        $closed.Reachable | Should -BeFalse
        $closed.Stage | Should -BeExactly 'Tcp'
        $closed.Verdict | Should -BeExactly 'Failed'
        @($closed.Findings | ForEach-Object -MemberName 'Id') -join ',' | Should -BeExactly 'G02'
        $closed.Certificate | Should -BeNullOrEmpty
    }
}
