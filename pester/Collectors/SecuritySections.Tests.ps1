#Requires -Version 5.1
<#
    The Certificates, Schannel, Firewall, Licensing, Client and Events sections of Get-RdpDiagnosticSnapshot on a
    fake host: every Windows-only read is mocked inside the RdpDoctor module, so the suite also runs where those
    commands do not exist (they get parameter-only stubs first). The healthy host mirrors healthyServer() in
    test/fixture-cases/base.ts.
#>

BeforeAll {
    $repoRoot = Split-Path -Path (Split-Path -Path $PSScriptRoot -Parent) -Parent
    $manifestPath = Join-Path -Path (Join-Path -Path (Join-Path -Path $repoRoot -ChildPath 'dist-ps') -ChildPath 'RdpDoctor') -ChildPath 'RdpDoctor.psd1'
    Import-Module -Name $manifestPath -Force -ErrorAction Stop

    # Pester can only mock a command that exists; these stubs declare just the parameters the collectors pass.
    $stubDefinitions = @{
        'Get-NetFirewallProfile'    = '[CmdletBinding()] param([string]$PolicyStore)'
        'Get-NetFirewallRule'       = '[CmdletBinding()] param([string[]]$Name, [string]$PolicyStore)'
        'Get-NetFirewallPortFilter' = '[CmdletBinding()] param([switch]$All, [string]$PolicyStore)'
        'Get-NetConnectionProfile'  = '[CmdletBinding()] param()'
        'Get-WinEvent'              = '[CmdletBinding()] param([hashtable[]]$FilterHashtable, [long]$MaxEvents)'
        'Invoke-CimMethod'          = '[CmdletBinding()] param([string]$Namespace, [string]$Query, [string]$MethodName)'
        'Get-Acl'                   = '[CmdletBinding()] param([string[]]$LiteralPath)'
        'cmdkey.exe'                = ''
    }
    $script:createdStubs = @()
    foreach ($stubName in $stubDefinitions.Keys) {
        if ($null -eq (Get-Command -Name $stubName -ErrorAction SilentlyContinue)) {
            $null = New-Item -Path ('Function:\global:' + $stubName) -Value ([scriptblock]::Create($stubDefinitions[$stubName])) -Force
            $script:createdStubs += $stubName
        }
    }

    $script:machineKeysPath = $env:ProgramData + '\Microsoft\Crypto\RSA\MachineKeys'
    $script:tsPolicyPath = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services'
    $script:schannelPath = 'HKLM:\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols'
    $script:rdpTcpPath = 'HKLM:\SYSTEM\CurrentControlSet\Control\Terminal Server\WinStations\RDP-Tcp'
    $script:rcmOperational = 'Microsoft-Windows-TerminalServices-RemoteConnectionManager/Operational'
    $script:rdpCoreTs = 'Microsoft-Windows-RemoteDesktopServices-RdpCoreTS/Operational'
    $script:rdpClient = 'Microsoft-Windows-TerminalServices-RDPClient/Operational'

    function New-TestAcl {
        param([object[]]$Rule, [string]$Owner)
        $acl = [pscustomobject]@{ Rules = $Rule; Owner = $Owner }
        $acl | Add-Member -MemberType ScriptMethod -Name 'GetAccessRules' -Value {
            param($IncludeExplicit, $IncludeInherited, $TargetType)
            foreach ($entry in $this.Rules) {
                [pscustomobject]@{
                    IdentityReference = [pscustomobject]@{ Value = $entry[0] }
                    FileSystemRights  = $entry[1]
                    AccessControlType = $entry[2]
                    InheritanceFlags  = $entry[3]
                }
            }
        }
        $acl | Add-Member -MemberType ScriptMethod -Name 'GetOwner' -Value {
            param($TargetType)
            [pscustomobject]@{ Value = $this.Owner }
        }
        return $acl
    }

    function New-TestEvent {
        param([int]$Id, [string]$Provider, [string]$Log, [string]$Time, [object[]]$Value)
        [pscustomobject]@{
            Id           = $Id
            ProviderName = $Provider
            LogName      = $Log
            TimeCreated  = [datetime]::SpecifyKind([datetime]::ParseExact($Time, 'yyyy-MM-dd HH:mm', [cultureinfo]::InvariantCulture), 'Utc')
            Properties   = @($Value | ForEach-Object -Process { [pscustomobject]@{ Value = $_ } })
        }
    }

    function New-TestError {
        param([string]$ErrorId, [string]$Message)
        $exception = New-Object -TypeName System.Exception -ArgumentList $Message
        New-Object -TypeName System.Management.Automation.ErrorRecord -ArgumentList @(
            $exception, $ErrorId, [System.Management.Automation.ErrorCategory]::ObjectNotFound, $null
        )
    }

    # A real certificate with a real private key, so GetRSAPrivateKey runs as on a host.
    $script:rsa = [System.Security.Cryptography.RSA]::Create()
    $script:rsa.KeySize = 2048
    $request = New-Object -TypeName System.Security.Cryptography.X509Certificates.CertificateRequest -ArgumentList @(
        'CN=RDSH01.contoso.local', $script:rsa,
        [System.Security.Cryptography.HashAlgorithmName]::SHA256, [System.Security.Cryptography.RSASignaturePadding]::Pkcs1
    )
    $usages = New-Object -TypeName System.Security.Cryptography.OidCollection
    $null = $usages.Add((New-Object -TypeName System.Security.Cryptography.Oid -ArgumentList '1.3.6.1.5.5.7.3.1'))
    $request.CertificateExtensions.Add((New-Object -TypeName System.Security.Cryptography.X509Certificates.X509EnhancedKeyUsageExtension -ArgumentList $usages, $false))
    $notBefore = [System.DateTimeOffset]::Parse('2026-06-01T08:00:00Z', [cultureinfo]::InvariantCulture)
    $notAfter = [System.DateTimeOffset]::Parse('2026-12-01T08:00:00Z', [cultureinfo]::InvariantCulture)
    $script:rdpCertificate = $request.CreateSelfSigned($notBefore, $notAfter)

    # The container name the collector derives, found the same way (it differs per platform and run).
    $script:containerName = $null
    $script:containerError = $null
    $key = [System.Security.Cryptography.X509Certificates.RSACertificateExtensions]::GetRSAPrivateKey($script:rdpCertificate)
    try {
        if ($null -ne $key.Key) {
            $script:containerName = $key.Key.UniqueName
        } elseif ($null -ne $key.CspKeyContainerInfo) {
            $script:containerName = $key.CspKeyContainerInfo.UniqueKeyContainerName
        }
    } catch {
        $script:containerError = $_.Exception.Message
    }

    function Reset-TestHost {
        # Path -> content: registry keys hold value tables, stores and folders hold items or ACLs.
        $script:items = @{
            'Cert:\LocalMachine\Remote Desktop' = @($script:rdpCertificate)
            'Cert:\LocalMachine\My' = @([pscustomobject]@{ Thumbprint = 'AA'; Subject = 'CN=nokey'; Issuer = 'CN=nokey'; HasPrivateKey = $false })
            $script:machineKeysPath = New-TestAcl -Owner 'S-1-5-32-544' -Rule @(
                @('S-1-5-32-544', 'FullControl', 'Allow', 'None'),
                @('S-1-1-0', 'Write, Read, Synchronize', 'Allow', 'None')
            )
            'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion\ProfileList' = @{ ProgramData = '%SystemDrive%\ProgramData' }
            $script:tsPolicyPath = @{ LicensingMode = 4; LicenseServers = 'LIC01.contoso.local' }
            $script:rdpTcpPath = @{ PortNumber = 3389 }
            'HKLM:\SOFTWARE\Microsoft\MSLicensing' = @{}
            'HKLM:\SOFTWARE\Microsoft\MSLicensing\Store' = @([pscustomobject]@{ PSChildName = 'LICENSE000' })
            'HKCU:\Software\Microsoft\Terminal Server Client' = @{}
        }
        if (-not [string]::IsNullOrEmpty($script:containerName)) {
            $script:items[$script:machineKeysPath + '\' + $script:containerName] = New-TestAcl -Owner 'S-1-5-32-544' -Rule @(
                @('S-1-5-18', 'FullControl', 'Allow', 'None'),
                @('S-1-5-20', 'Read, Synchronize', 'Allow', 'None')
            )
        }
        $script:denied = @()
        $script:connectionCategories = @('DomainAuthenticated')
        $script:firewallProfilesDenied = $false
        $script:firewallRules = @{
            'RemoteDesktop-UserMode-In-TCP' = [pscustomobject]@{ Name = 'RemoteDesktop-UserMode-In-TCP'; Enabled = 'True'; Profile = 'Any'; Action = 'Allow' }
            'RemoteDesktop-UserMode-In-UDP' = [pscustomobject]@{ Name = 'RemoteDesktop-UserMode-In-UDP'; Enabled = 'True'; Profile = 'Any'; Action = 'Allow' }
            'WINRM-HTTP-In-TCP' = [pscustomobject]@{ Name = 'WINRM-HTTP-In-TCP'; Enabled = 'True'; Profile = 'Domain, Private'; Action = 'Allow' }
        }
        $script:portFilters = @(
            [pscustomobject]@{ InstanceID = 'RemoteDesktop-UserMode-In-TCP'; Protocol = 'TCP'; LocalPort = @('3389') }
            [pscustomobject]@{ InstanceID = 'RemoteDesktop-UserMode-In-UDP'; Protocol = 'UDP'; LocalPort = @('3389') }
            [pscustomobject]@{ InstanceID = 'WINRM-HTTP-In-TCP'; Protocol = 'TCP'; LocalPort = @('5985') }
        )
        $script:grace = [pscustomobject]@{ ReturnValue = 1; DaysLeft = 0 }
        $script:cmdkeyLines = @(
            '',
            'Currently stored credentials:',
            '',
            '    Target: Domain:target=TERMSRV/rdsh02.contoso.local',
            '    Type: Domain Password',
            '    User: CONTOSO\admin01',
            '',
            '    Target: LegacyGeneric:target=git:https://example.invalid',
            '    Type: Generic',
            '    User: someone'
        )
        # "<log>|<id>" -> events; a log listed in deniedLogs or missingLogs fails as a whole.
        $script:events = @{
            ($script:rdpCoreTs + '|131') = @(1..12 | ForEach-Object -Process { New-TestEvent -Id 131 -Provider 'Microsoft-Windows-RemoteDesktopServices-RdpCoreTS' -Log $script:rdpCoreTs -Time ('2026-11-22 11:{0:D2}' -f (40 - $_ + 1)) -Value @('10.0.0.5:50000', 'TCP') })
            ($script:rcmOperational + '|261') = @(1..12 | ForEach-Object -Process { New-TestEvent -Id 261 -Provider 'Microsoft-Windows-TerminalServices-RemoteConnectionManager' -Log $script:rcmOperational -Time ('2026-11-22 11:{0:D2}' -f (40 - $_ + 1)) -Value @('RDP-Tcp') })
        }
        $script:deniedLogs = @()
        $script:missingLogs = @()
    }

    function Resolve-TestItem {
        param([string]$Path)
        if ($script:denied -contains $Path) {
            throw (New-Object -TypeName System.UnauthorizedAccessException -ArgumentList 'Access is denied.')
        }
        if (-not $script:items.ContainsKey($Path)) {
            throw (New-Object -TypeName System.Management.Automation.ItemNotFoundException -ArgumentList ("Cannot find path '" + $Path + "' because it does not exist."))
        }
        return $script:items[$Path]
    }
}

AfterAll {
    Remove-Module -Name 'RdpDoctor' -Force -ErrorAction SilentlyContinue
    foreach ($stubName in $script:createdStubs) {
        Remove-Item -Path ('Function:\global:' + $stubName) -Force -ErrorAction SilentlyContinue
    }
}

Describe 'Security sections of Get-RdpDiagnosticSnapshot' -Tag 'Unit' {
    BeforeAll {
        $registryFilter = { [string]($LiteralPath | Select-Object -First 1) -like 'HK*' }
        Mock -CommandName 'Get-ItemProperty' -ModuleName 'RdpDoctor' -ParameterFilter $registryFilter -MockWith {
            $values = Resolve-TestItem -Path ([string]($LiteralPath | Select-Object -First 1))
            # A cast of a hashtable variable would wrap it; New-Object turns its keys into properties.
            New-Object -TypeName PSObject -Property $values
        }
        Mock -CommandName 'Get-Item' -ModuleName 'RdpDoctor' -ParameterFilter $registryFilter -MockWith {
            $path = [string]($LiteralPath | Select-Object -First 1)
            $item = [pscustomobject]@{ PSPath = $path; Values = (Resolve-TestItem -Path $path) }
            $item | Add-Member -MemberType ScriptMethod -Name 'GetValue' -Value {
                param($Name, $DefaultValue, $Options)
                $this.Values[$Name]
            }
            $item
        }
        Mock -CommandName 'Get-ChildItem' -ModuleName 'RdpDoctor' -ParameterFilter { [string]($Path | Select-Object -First 1) -like 'Cert:\*' } -MockWith {
            Resolve-TestItem -Path ([string]($Path | Select-Object -First 1))
        }
        Mock -CommandName 'Get-ChildItem' -ModuleName 'RdpDoctor' -ParameterFilter { [string]($LiteralPath | Select-Object -First 1) -like 'HK*' } -MockWith {
            Resolve-TestItem -Path ([string]($LiteralPath | Select-Object -First 1))
        }
        Mock -CommandName 'Get-Acl' -ModuleName 'RdpDoctor' -MockWith {
            Resolve-TestItem -Path ([string]($LiteralPath | Select-Object -First 1))
        }
        Mock -CommandName 'Test-Path' -ModuleName 'RdpDoctor' -ParameterFilter { [string]($LiteralPath | Select-Object -First 1) -like '*\Microsoft\Crypto\*' } -MockWith {
            $script:items.ContainsKey([string]($LiteralPath | Select-Object -First 1))
        }
        Mock -CommandName 'Get-NetConnectionProfile' -ModuleName 'RdpDoctor' -MockWith {
            foreach ($category in $script:connectionCategories) {
                [pscustomobject]@{ NetworkCategory = $category }
            }
        }
        Mock -CommandName 'Get-NetFirewallProfile' -ModuleName 'RdpDoctor' -MockWith {
            if ($script:firewallProfilesDenied) {
                throw (New-Object -TypeName System.UnauthorizedAccessException -ArgumentList 'Access is denied.')
            }
            foreach ($profileName in @('Domain', 'Private', 'Public')) {
                [pscustomobject]@{ Name = $profileName; Enabled = 'True' }
            }
        }
        Mock -CommandName 'Get-NetFirewallPortFilter' -ModuleName 'RdpDoctor' -MockWith { $script:portFilters }
        Mock -CommandName 'Get-NetFirewallRule' -ModuleName 'RdpDoctor' -MockWith {
            $ruleName = [string]($Name | Select-Object -First 1)
            if (-not $script:firewallRules.ContainsKey($ruleName)) {
                throw (New-TestError -ErrorId 'CmdletizationQuery_NotFound_Name,Get-NetFirewallRule' -Message ('No MSFT_NetFirewallRule objects found with property Name equal to ' + $ruleName))
            }
            $script:firewallRules[$ruleName]
        }
        Mock -CommandName 'Invoke-CimMethod' -ModuleName 'RdpDoctor' -MockWith { $script:grace }
        Mock -CommandName 'cmdkey.exe' -ModuleName 'RdpDoctor' -MockWith { $script:cmdkeyLines }
        Mock -CommandName 'Get-WinEvent' -ModuleName 'RdpDoctor' -MockWith {
            $filter = $FilterHashtable[0]
            if ($script:deniedLogs -contains $filter.LogName) {
                throw (New-Object -TypeName System.UnauthorizedAccessException -ArgumentList 'Attempted to perform an unauthorized operation.')
            }
            if ($script:missingLogs -contains $filter.LogName) {
                throw (New-TestError -ErrorId 'NoMatchingLogsFound,Microsoft.PowerShell.Commands.GetWinEventCommand' -Message 'There is not an event log on the localhost computer that matches the name.')
            }
            $found = @($script:events[[string]$filter.LogName + '|' + [string]$filter.Id] | Where-Object -FilterScript {
                    ($null -ne $_) -and (($null -eq $filter.ProviderName) -or ($_.ProviderName -eq $filter.ProviderName))
                })
            if ($found.Count -eq 0) {
                throw (New-TestError -ErrorId 'NoMatchingEventsFound,Microsoft.PowerShell.Commands.GetWinEventCommand' -Message 'No events were found that match the specified selection criteria.')
            }
            $found | Sort-Object -Property TimeCreated -Descending | Select-Object -First $MaxEvents
        }
    }

    Context 'A healthy host' {
        BeforeAll {
            Reset-TestHost
            $snapshot = Get-RdpDiagnosticSnapshot -EventDays 7
        }

        It 'lists the Remote Desktop certificate with its dates, EKU and readable key' {
            @($snapshot.Certificates.RemoteDesktop) | Should -HaveCount 1
            $certificate = $snapshot.Certificates.RemoteDesktop[0]
            $certificate.Thumbprint | Should -BeExactly $script:rdpCertificate.Thumbprint
            $certificate.Subject | Should -BeExactly 'CN=RDSH01.contoso.local'
            $certificate.Issuer | Should -BeExactly 'CN=RDSH01.contoso.local'
            $certificate.NotBefore | Should -BeExactly '2026-06-01T08:00:00.0000000Z'
            $certificate.NotAfter | Should -BeExactly '2026-12-01T08:00:00.0000000Z'
            $certificate.HasPrivateKey | Should -BeTrue
            $certificate.PrivateKeyReadable | Should -BeTrue
            $certificate.ServerAuthentication | Should -BeTrue
            $certificate.SelfSigned | Should -BeTrue
            $snapshot.Certificates.RemoteDesktopError | Should -BeNullOrEmpty
        }

        It 'finds the key file under MachineKeys and reads its ACL by SID' {
            $certificate = $snapshot.Certificates.RemoteDesktop[0]
            $certificate.KeyFile | Should -Be $script:containerName
            if ([string]::IsNullOrEmpty($script:containerName)) {
                @($certificate.KeyAcl) | Should -HaveCount 0
            } else {
                @($certificate.KeyAcl | ForEach-Object -Process { $_.Sid }) | Should -Be @('S-1-5-18', 'S-1-5-20')
                $certificate.KeyAcl[1].Rights | Should -BeExactly 'Read, Synchronize'
                $certificate.KeyAcl[1].Type | Should -BeExactly 'Allow'
                $certificate.KeyAcl[1].Inherits | Should -BeFalse
            }
            if ($null -eq $script:containerError) {
                $certificate.KeyError | Should -BeNullOrEmpty
            } else {
                $certificate.KeyError | Should -Not -BeNullOrEmpty
            }
        }

        It 'lists only My certificates that have a private key' {
            @($snapshot.Certificates.My) | Should -HaveCount 0
            $snapshot.Certificates.MyError | Should -BeNullOrEmpty
        }

        It 'reads the MachineKeys ACL and owner by SID, and ProgramData unexpanded' {
            @($snapshot.Certificates.MachineKeysAcl | ForEach-Object -Process { $_.Sid }) | Should -Be @('S-1-5-32-544', 'S-1-1-0')
            $snapshot.Certificates.MachineKeysAcl[1].Rights | Should -BeExactly 'Write, Read, Synchronize'
            $snapshot.Certificates.MachineKeysOwner | Should -BeExactly 'S-1-5-32-544'
            $snapshot.Certificates.MachineKeysError | Should -BeNullOrEmpty
            $snapshot.Certificates.ProgramDataPath | Should -BeExactly '%SystemDrive%\ProgramData'
        }

        It 'reports no Schannel protocol keys and no cipher suite policy' {
            @($snapshot.Schannel.Protocols) | Should -HaveCount 0
            $snapshot.Schannel.CipherSuitePolicy | Should -BeNullOrEmpty
            $snapshot.Schannel.Error | Should -BeNullOrEmpty
        }

        It 'reports the three firewall profiles with Domain active' {
            @($snapshot.Firewall.Profiles | ForEach-Object -Process { $_.Name }) | Should -Be @('Domain', 'Private', 'Public')
            @($snapshot.Firewall.Profiles | ForEach-Object -Process { $_.Enabled }) | Should -Be @($true, $true, $true)
            @($snapshot.Firewall.Profiles | ForEach-Object -Process { $_.Active }) | Should -Be @($true, $false, $false)
        }

        It 'reports the two User Mode rules and no rule for other ports' {
            @($snapshot.Firewall.Rules | ForEach-Object -Process { $_.Name }) | Should -Be @('RemoteDesktop-UserMode-In-TCP', 'RemoteDesktop-UserMode-In-UDP')
            $tcp = $snapshot.Firewall.Rules[0]
            $tcp.Enabled | Should -BeExactly $true
            @($tcp.Profiles) | Should -Be @('Any')
            $tcp.Action | Should -BeExactly 'Allow'
            $tcp.Protocol | Should -BeExactly 'TCP'
            @($tcp.LocalPorts) | Should -Be @('3389')
            $snapshot.Firewall.Rules[1].Protocol | Should -BeExactly 'UDP'
            $snapshot.Firewall.Error | Should -BeNullOrEmpty
        }

        It 'reads licensing mode 4 from policy and the license server list' {
            $snapshot.Licensing.Mode.Local | Should -BeNullOrEmpty
            $snapshot.Licensing.Mode.Policy | Should -Be 4
            $snapshot.Licensing.Mode.Effective | Should -Be 4
            $snapshot.Licensing.Mode.Source | Should -BeExactly 'Policy'
            @($snapshot.Licensing.Servers) | Should -Be @('LIC01.contoso.local')
            $snapshot.Licensing.GraceDaysLeft | Should -BeNullOrEmpty
            $snapshot.Licensing.Error | Should -BeNullOrEmpty
        }

        It 'reads the client license store, transports and TERMSRV targets only' {
            $snapshot.Client.MsLicensingPresent | Should -BeTrue
            $snapshot.Client.MsLicensingReadable | Should -BeTrue
            $snapshot.Client.MsLicensingStoreCount | Should -Be 1
            $snapshot.Client.ClientDisableUdp.Local | Should -BeNullOrEmpty
            $snapshot.Client.ClientDisableUdp.Policy | Should -BeNullOrEmpty
            $snapshot.Client.ClientDisableUdp.Effective | Should -Be 0
            $snapshot.Client.ClientDisableUdp.Source | Should -BeExactly 'Default'
            $snapshot.Client.RdgClientTransport.Value | Should -BeNullOrEmpty
            $snapshot.Client.RdgClientTransport.Error | Should -BeNullOrEmpty
            @($snapshot.Client.CredentialTargets) | Should -Be @('TERMSRV/rdsh02.contoso.local')
            ($snapshot.Client | ConvertTo-Json -Depth 5) | Should -Not -Match 'admin01|someone|git:'
            $snapshot.Client.Error | Should -BeNullOrEmpty
        }

        It 'groups the events by log, provider and ID with count and newest time' {
            $snapshot.Events.Days | Should -Be 7
            @($snapshot.Events.Groups) | Should -HaveCount 2
            $first = $snapshot.Events.Groups[0]
            $first.Log | Should -BeExactly $script:rdpCoreTs
            $first.Provider | Should -BeExactly 'Microsoft-Windows-RemoteDesktopServices-RdpCoreTS'
            $first.Id | Should -Be 131
            $first.Detail | Should -BeNullOrEmpty
            $first.Count | Should -Be 12
            $first.LastSeen | Should -BeExactly '2026-11-22T11:40:00.0000000Z'
            $snapshot.Events.Groups[1].Log | Should -BeExactly $script:rcmOperational
            $snapshot.Events.Groups[1].Id | Should -Be 261
            @($snapshot.Events.Errors) | Should -HaveCount 0
        }

        It 'keeps no event message, address or user in the snapshot' {
            ($snapshot.Events | ConvertTo-Json -Depth 5) | Should -Not -Match '10\.0\.0\.5|RDP-Tcp'
        }

        It 'runs one capped, time-filtered query per log and ID (33 on a host with every log)' {
            Should -Invoke -CommandName 'Get-WinEvent' -ModuleName 'RdpDoctor' -ParameterFilter {
                ($MaxEvents -eq 500) -and ($FilterHashtable[0].StartTime -is [datetime])
            } -Scope Context -Times 33 -Exactly
        }
    }

    Context 'Access denied' {
        BeforeAll {
            Reset-TestHost
            $script:denied = @(
                'Cert:\LocalMachine\My',
                $script:machineKeysPath,
                $script:tsPolicyPath,
                'HKLM:\SOFTWARE\Microsoft\MSLicensing',
                ($script:schannelPath + '\TLS 1.1\Server')
            )
            $script:items[$script:schannelPath + '\TLS 1.2\Server'] = @{ Enabled = 1; DisabledByDefault = 0 }
            $script:firewallProfilesDenied = $true
            $script:deniedLogs = @('System')
            $snapshot = Get-RdpDiagnosticSnapshot -EventDays 7
        }

        It 'reports the denied store and folder, and still lists the readable store' {
            $snapshot.Certificates.MyError | Should -BeExactly 'access denied'
            $snapshot.Certificates.MachineKeysError | Should -BeExactly 'access denied'
            $snapshot.Certificates.MachineKeysOwner | Should -BeNullOrEmpty
            @($snapshot.Certificates.RemoteDesktop) | Should -HaveCount 1
        }

        It 'reports a denied Schannel key and still lists the readable one' {
            $snapshot.Schannel.Error | Should -BeExactly 'TLS 1.1 Server: access denied'
            @($snapshot.Schannel.Protocols) | Should -HaveCount 1
            $snapshot.Schannel.Protocols[0].Protocol | Should -BeExactly 'TLS 1.2'
            $snapshot.Schannel.Protocols[0].Enabled | Should -Be 1
        }

        It 'reports denied firewall profiles and still reads the rules' {
            $snapshot.Firewall.Error | Should -BeExactly 'Profiles: access denied'
            @($snapshot.Firewall.Profiles) | Should -HaveCount 0
            @($snapshot.Firewall.Rules) | Should -HaveCount 2
        }

        It 'reports the denied licensing policy as Unknown' {
            $snapshot.Licensing.Mode.Source | Should -BeExactly 'Unknown'
            $snapshot.Licensing.Mode.Error | Should -BeExactly 'access denied'
            $snapshot.Licensing.Error | Should -Match 'LicenseServers: access denied'
        }

        It 'reports a denied MSLicensing key as present and unreadable' {
            $snapshot.Client.MsLicensingPresent | Should -BeTrue
            $snapshot.Client.MsLicensingReadable | Should -BeFalse
            $snapshot.Client.MsLicensingStoreCount | Should -BeNullOrEmpty
            $snapshot.Client.Error | Should -BeNullOrEmpty
        }

        It 'reports a denied log once and still reads the other logs' {
            @($snapshot.Events.Errors) | Should -Be @('System: access denied')
            @($snapshot.Events.Groups) | Should -HaveCount 2
        }
    }

    Context 'Missing keys, stores, rules and logs' {
        BeforeAll {
            Reset-TestHost
            $script:items.Remove('Cert:\LocalMachine\Remote Desktop')
            $script:items.Remove('HKLM:\SOFTWARE\Microsoft\MSLicensing')
            $script:items.Remove($script:tsPolicyPath)
            $script:firewallRules.Remove('RemoteDesktop-UserMode-In-UDP')
            $script:connectionCategories = @()
            $script:missingLogs = @($script:rdpClient, $script:rcmOperational)
            $script:events = @{}
            $snapshot = Get-RdpDiagnosticSnapshot -EventDays 3
        }

        It 'treats a missing certificate store as empty, without an error' {
            @($snapshot.Certificates.RemoteDesktop) | Should -HaveCount 0
            $snapshot.Certificates.RemoteDesktopError | Should -BeNullOrEmpty
        }

        It 'treats a missing MSLicensing key as absent' {
            $snapshot.Client.MsLicensingPresent | Should -BeFalse
            $snapshot.Client.MsLicensingReadable | Should -BeNullOrEmpty
            $snapshot.Client.MsLicensingStoreCount | Should -BeNullOrEmpty
            $snapshot.Client.Error | Should -BeNullOrEmpty
        }

        It 'falls back to the licensing defaults without an error' {
            $snapshot.Licensing.Mode.Source | Should -BeExactly 'Default'
            $snapshot.Licensing.Mode.Effective | Should -BeNullOrEmpty
            @($snapshot.Licensing.Servers) | Should -HaveCount 0
            $snapshot.Licensing.Error | Should -BeNullOrEmpty
        }

        It 'lists only the rule that exists, and no active profile' {
            @($snapshot.Firewall.Rules | ForEach-Object -Process { $_.Name }) | Should -Be @('RemoteDesktop-UserMode-In-TCP')
            @($snapshot.Firewall.Profiles | Where-Object -Property Active -EQ -Value $true) | Should -HaveCount 0
            $snapshot.Firewall.Error | Should -BeNullOrEmpty
        }

        It 'treats missing logs and queries with no matching events as clean' {
            $snapshot.Events.Days | Should -Be 3
            @($snapshot.Events.Groups) | Should -HaveCount 0
            @($snapshot.Events.Errors) | Should -HaveCount 0
        }
    }

    Context 'Configured Schannel, custom RDP port and licensing grace period' {
        BeforeAll {
            Reset-TestHost
            $script:items[$script:schannelPath + '\TLS 1.0\Server'] = @{ Enabled = 0; DisabledByDefault = 1 }
            $script:items[$script:schannelPath + '\TLS 1.2\Client'] = @{}
            $script:items['HKLM:\SOFTWARE\Policies\Microsoft\Cryptography\Configuration\SSL\00010002'] = @{
                Functions = 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'
            }
            $script:items[$script:rdpTcpPath] = @{ PortNumber = 3390 }
            $script:firewallRules['Custom-Rdp-Range'] = [pscustomobject]@{ Name = 'Custom-Rdp-Range'; Enabled = 'False'; Profile = 'Domain, Private'; Action = 'Block' }
            $script:portFilters += [pscustomobject]@{ InstanceID = 'Custom-Rdp-Range'; Protocol = 'TCP'; LocalPort = @('3380-3399') }
            $script:grace = [pscustomobject]@{ ReturnValue = 0; DaysLeft = 87 }
            $snapshot = Get-RdpDiagnosticSnapshot -EventDays 7
        }

        It 'lists the existing protocol keys with their values, absent values as null' {
            @($snapshot.Schannel.Protocols) | Should -HaveCount 2
            $tls10 = $snapshot.Schannel.Protocols[0]
            $tls10.Protocol | Should -BeExactly 'TLS 1.0'
            $tls10.Role | Should -BeExactly 'Server'
            $tls10.Enabled | Should -Be 0
            $tls10.DisabledByDefault | Should -Be 1
            $snapshot.Schannel.Protocols[1].Protocol | Should -BeExactly 'TLS 1.2'
            $snapshot.Schannel.Protocols[1].Role | Should -BeExactly 'Client'
            $snapshot.Schannel.Protocols[1].Enabled | Should -BeNullOrEmpty
        }

        It 'splits the cipher suite policy into names' {
            @($snapshot.Schannel.CipherSuitePolicy) | Should -Be @('TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256')
        }

        It 'adds a rule whose port range covers the configured RDP port' {
            $custom = @($snapshot.Firewall.Rules | Where-Object -Property Name -EQ -Value 'Custom-Rdp-Range')
            $custom | Should -HaveCount 1
            $custom[0].Enabled | Should -BeExactly $false
            @($custom[0].Profiles) | Should -Be @('Domain', 'Private')
            $custom[0].Action | Should -BeExactly 'Block'
            @($custom[0].LocalPorts) | Should -Be @('3380-3399')
        }

        It 'reads the days left in the grace period' {
            $snapshot.Licensing.GraceDaysLeft | Should -Be 87
        }
    }

    Context 'Event details' {
        BeforeAll {
            Reset-TestHost
            $clientProvider = 'Microsoft-Windows-TerminalServices-ClientActiveXCore'
            $script:events = @{
                ($script:rdpClient + '|1026') = @(
                    New-TestEvent -Id 1026 -Provider $clientProvider -Log $script:rdpClient -Time '2026-11-22 09:00' -Value @('Disconnect Reason', '2308', 'Info')
                    New-TestEvent -Id 1026 -Provider $clientProvider -Log $script:rdpClient -Time '2026-11-22 10:00' -Value @('Disconnect Reason', '2308', 'Info')
                    New-TestEvent -Id 1026 -Provider $clientProvider -Log $script:rdpClient -Time '2026-11-22 11:00' -Value @('Disconnect Reason', '2308', 'Info')
                    New-TestEvent -Id 1026 -Provider $clientProvider -Log $script:rdpClient -Time '2026-11-21 08:00' -Value @('Disconnect Reason', '516', 'Info')
                )
                ($script:rdpClient + '|226') = @(
                    New-TestEvent -Id 226 -Provider $clientProvider -Log $script:rdpClient -Time '2026-11-22 11:00' -Value @('RDPClient_SSL', 2, 'TsSslStateHandshakeStart', 10, 'TsSslStateDisconnecting', 0, 'TsSslEventInvalidState', [uint32]2148074278)
                )
                ($script:rdpCoreTs + '|226') = @(
                    New-TestEvent -Id 226 -Provider 'Microsoft-Windows-RemoteDesktopServices-RdpCoreTS' -Log $script:rdpCoreTs -Time '2026-11-22 11:30' -Value @('RDP_TCP', 23, 'StateUnknown', 21, 'StateDisconnected', 43, 'Event_Disconnect', [int]-2147024832)
                )
                ('System|36888') = @(
                    New-TestEvent -Id 36888 -Provider 'Schannel' -Log 'System' -Time '2026-11-22 11:05' -Value @(40, 1205)
                    New-TestEvent -Id 36888 -Provider 'Schannel' -Log 'System' -Time '2026-11-22 11:06' -Value @(10, 1203)
                )
                ('System|36870') = @(
                    New-TestEvent -Id 36870 -Provider 'Schannel' -Log 'System' -Time '2026-11-22 11:07' -Value @(1184, 'C:\Windows\System32\svchost.exe', 'server', [uint32]2148073485, 10001)
                )
                ('System|1058') = @(
                    New-TestEvent -Id 1058 -Provider 'Microsoft-Windows-GroupPolicy' -Log 'System' -Time '2026-11-22 11:08' -Value @('gpt.ini')
                )
            }
            $snapshot = Get-RdpDiagnosticSnapshot -EventDays 7
            $groups = @($snapshot.Events.Groups)
        }

        It 'groups RDPClient 1026 by disconnect reason' {
            $reasons = @($groups | Where-Object -Property Id -EQ -Value 1026)
            @($reasons | ForEach-Object -Process { $_.Detail }) | Should -Be @('2308', '516')
            $reasons[0].Count | Should -Be 3
            $reasons[0].LastSeen | Should -BeExactly '2026-11-22T11:00:00.0000000Z'
            $reasons[1].Count | Should -Be 1
        }

        It 'reads the state name and HRESULT of 226, signed or unsigned' {
            $client = @($groups | Where-Object -FilterScript { ($_.Id -eq 226) -and ($_.Log -eq $script:rdpClient) })
            $client[0].Detail | Should -BeExactly 'RDPClient_SSL 0x80090326'
            $server = @($groups | Where-Object -FilterScript { ($_.Id -eq 226) -and ($_.Log -eq $script:rdpCoreTs) })
            $server[0].Detail | Should -BeExactly '0x80070040'
        }

        It 'reads the Schannel alert code and error state' {
            @($groups | Where-Object -Property Id -EQ -Value 36888 | ForEach-Object -Process { $_.Detail }) | Should -Be @('10', '40')
            @($groups | Where-Object -Property Id -EQ -Value 36870)[0].Detail | Should -BeExactly '10001'
        }

        It 'ignores another provider that logs the same ID in System' {
            @($groups | Where-Object -Property Id -EQ -Value 1058) | Should -HaveCount 0
        }
    }

    Context 'A section that throws unexpectedly' {
        BeforeAll {
            Reset-TestHost
            # An object whose conversion to text throws: nothing in the licensing collector expects that.
            $poison = [pscustomobject]@{}
            $poison | Add-Member -MemberType ScriptMethod -Name 'ToString' -Value { throw 'simulated collector failure' } -Force
            $script:items[$script:tsPolicyPath] = @{ LicensingMode = 4; LicenseServers = $poison }
            $snapshot = Get-RdpDiagnosticSnapshot -EventDays 7
        }

        It 'replaces the section with its fallback and records the error' {
            $snapshot.Licensing.Error | Should -Match 'simulated collector failure'
            $snapshot.Licensing.Mode.Source | Should -BeExactly 'Unknown'
            @($snapshot.Licensing.Servers) | Should -HaveCount 0
            $snapshot.Licensing.GraceDaysLeft | Should -BeNullOrEmpty
        }

        It 'still collects the other sections' {
            $snapshot.Firewall.Error | Should -BeNullOrEmpty
            @($snapshot.Firewall.Rules) | Should -HaveCount 2
            @($snapshot.Certificates.RemoteDesktop) | Should -HaveCount 1
        }
    }
}
