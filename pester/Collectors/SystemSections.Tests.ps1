#Requires -Version 5.1
<#
    The system sections of Get-RdpDiagnosticSnapshot (Host, Services, Connections, Listener, Limits, Rcm, CredSsp)
    with every Windows-only command mocked. The healthy mocks mirror healthyServer() in test/fixture-cases/base.ts;
    each Context below changes one thing: access denied, missing keys, a value of the wrong type, Group Policy
    overriding a local value, no listener, and a collector that throws.
#>

BeforeAll {
    $repoRoot = Split-Path -Path (Split-Path -Path $PSScriptRoot -Parent) -Parent
    $manifestPath = Join-Path -Path (Join-Path -Path (Join-Path -Path $repoRoot -ChildPath 'dist-ps') -ChildPath 'RdpDoctor') -ChildPath 'RdpDoctor.psd1'
    Import-Module -Name $manifestPath -Force -ErrorAction Stop

    $terminalServerKey = 'HKLM:\SYSTEM\CurrentControlSet\Control\Terminal Server'
    $rdpTcpKey = 'HKLM:\SYSTEM\CurrentControlSet\Control\Terminal Server\WinStations\RDP-Tcp'
    $policyKey = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services'
    $rcmKey = 'HKLM:\SYSTEM\CurrentControlSet\Control\Terminal Server\RCM'
    $setupKey = 'HKLM:\SYSTEM\Setup'
    $lsaKey = 'HKLM:\SYSTEM\CurrentControlSet\Control\Lsa'
    $fipsKey = 'HKLM:\SYSTEM\CurrentControlSet\Control\Lsa\FIPSAlgorithmPolicy'
    $credSspKey = 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System\CredSSP\Parameters'
    $thumbprint = '3F2A6C1B9E0D4F5A8B7C6D5E4F3A2B1C0D9E8F7A'

    # Only Windows can tell elevation; elsewhere the Host section records why IsElevated is false.
    $isWindowsHost = ($PSVersionTable.PSEdition -eq 'Desktop') -or ($IsWindows -eq $true)

    function New-TestErrorRecord {
        <#
        .SYNOPSIS
            An ErrorRecord like the ones Get-Service and Get-NetTCPConnection write when nothing matches.
        #>
        [CmdletBinding()]
        [OutputType([System.Management.Automation.ErrorRecord])]
        param(
            [Parameter(Mandatory)]
            [string]
            $Message,

            [Parameter(Mandatory)]
            [string]
            $ErrorId,

            [Parameter(Mandatory)]
            [System.Management.Automation.ErrorCategory]
            $Category
        )

        $exception = New-Object -TypeName 'System.Exception' -ArgumentList $Message
        New-Object -TypeName 'System.Management.Automation.ErrorRecord' -ArgumentList @($exception, $ErrorId, $Category, $null)
    }

    # Pester can only mock commands that exist. PowerShell 7 has no Test-ComputerSecureChannel, and Linux or
    # macOS have no Get-Service, Get-CimInstance, Get-NetTCPConnection or qwinsta.exe: define stand-ins.
    $createdStubs = New-Object -TypeName 'System.Collections.Generic.List[string]'
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
    if (-not (Get-Command -Name 'Get-NetTCPConnection' -ErrorAction SilentlyContinue)) {
        function global:Get-NetTCPConnection {
            [CmdletBinding()]
            param(
                [string[]]
                $State,

                [uint16[]]
                $LocalPort
            )
        }
        $createdStubs.Add('Get-NetTCPConnection')
    }
    if (-not (Get-Command -Name 'Test-ComputerSecureChannel' -ErrorAction SilentlyContinue)) {
        function global:Test-ComputerSecureChannel {
            [CmdletBinding()]
            param()
        }
        $createdStubs.Add('Test-ComputerSecureChannel')
    }
    if (-not (Get-Command -Name 'qwinsta.exe' -ErrorAction SilentlyContinue)) {
        function global:qwinsta.exe {
        }
        $createdStubs.Add('qwinsta.exe')
    }
}

AfterAll {
    foreach ($stubName in $createdStubs) {
        Remove-Item -LiteralPath "Function:\$stubName" -Force -ErrorAction SilentlyContinue
    }
    Remove-Module -Name 'RdpDoctor' -Force -ErrorAction SilentlyContinue
}

Describe 'System sections of Get-RdpDiagnosticSnapshot (mocked Windows state)' -Tag 'Unit' {
    BeforeAll {
        # Registry: any key not mocked below is absent.
        Mock -CommandName 'Get-ItemProperty' -ModuleName 'RdpDoctor' -MockWith {
            throw [System.Management.Automation.ItemNotFoundException]::new('Cannot find path because it does not exist.')
        }
        Mock -CommandName 'Get-ItemProperty' -ModuleName 'RdpDoctor' -ParameterFilter { $LiteralPath -eq $terminalServerKey } -MockWith {
            [pscustomobject]@{ fDenyTSConnections = 0 }
        }
        Mock -CommandName 'Get-ItemProperty' -ModuleName 'RdpDoctor' -ParameterFilter { $LiteralPath -eq $rdpTcpKey } -MockWith {
            # MaxInstanceCount 0xFFFFFFFF reads back from the registry as the Int32 -1.
            [pscustomobject]@{
                fEnableWinStation = 1
                PortNumber = 3389
                SecurityLayer = 2
                UserAuthentication = 1
                MinEncryptionLevel = 3
                fAllowSecProtocolNegotiation = 1
                MaxInstanceCount = -1
                SelfSignedCertStore = 'Remote Desktop'
            }
        }
        Mock -CommandName 'Get-ItemProperty' -ModuleName 'RdpDoctor' -ParameterFilter { $LiteralPath -eq $setupKey } -MockWith {
            [pscustomobject]@{ SystemSetupInProgress = 0; OOBEInProgress = 0 }
        }
        Mock -CommandName 'Get-ItemProperty' -ModuleName 'RdpDoctor' -ParameterFilter { $LiteralPath -eq $fipsKey } -MockWith {
            [pscustomobject]@{ Enabled = 0 }
        }
        Mock -CommandName 'Get-ItemProperty' -ModuleName 'RdpDoctor' -ParameterFilter { $LiteralPath -eq $lsaKey } -MockWith {
            [pscustomobject]@{ LimitBlankPasswordUse = 1 }
        }
        Mock -CommandName 'Get-ItemProperty' -ModuleName 'RdpDoctor' -ParameterFilter { $LiteralPath -eq $rcmKey } -MockWith {
            [pscustomobject]@{
                'Certificate' = [byte[]]::new(184)
                'X509 Certificate' = [byte[]]::new(1152)
                'X509 Certificate ID' = [byte[]]::new(40)
                'X509 Certificate2' = [byte[]]::new(1250)
            }
        }

        # WMI/CIM: a Windows Server 2022 RD Session Host joined to a domain.
        Mock -CommandName 'Get-CimInstance' -ModuleName 'RdpDoctor'
        Mock -CommandName 'Get-CimInstance' -ModuleName 'RdpDoctor' -ParameterFilter { $ClassName -eq 'Win32_OperatingSystem' } -MockWith {
            [pscustomobject]@{ Version = '10.0.20348'; Caption = 'Microsoft Windows Server 2022 Datacenter '; ProductType = [uint32]3 }
        }
        Mock -CommandName 'Get-CimInstance' -ModuleName 'RdpDoctor' -ParameterFilter { $ClassName -eq 'Win32_ComputerSystem' } -MockWith {
            [pscustomobject]@{ PartOfDomain = $true }
        }
        Mock -CommandName 'Get-CimInstance' -ModuleName 'RdpDoctor' -ParameterFilter { $ClassName -eq 'Win32_TerminalServiceSetting' } -MockWith {
            [pscustomobject]@{ AllowTSConnections = [uint32]1; TerminalServerMode = [uint32]1 }
        }
        Mock -CommandName 'Get-CimInstance' -ModuleName 'RdpDoctor' -ParameterFilter { $ClassName -eq 'Win32_TSGeneralSetting' } -MockWith {
            [pscustomobject]@{ TerminalName = 'RDP-Tcp'; SSLCertificateSHA1HashType = [uint32]1; SSLCertificateSHA1Hash = $thumbprint.ToLowerInvariant() }
        }
        Mock -CommandName 'Get-CimInstance' -ModuleName 'RdpDoctor' -ParameterFilter { $ClassName -eq 'Win32_Service' } -MockWith {
            [pscustomobject]@{ Name = 'TermService'; ProcessId = [uint32]1184 }
        }
        Mock -CommandName 'Test-ComputerSecureChannel' -ModuleName 'RdpDoctor' -MockWith { $true }

        # Services: all running; CryptSvc starts automatically; no RD Connection Broker (Tssdis).
        Mock -CommandName 'Get-Service' -ModuleName 'RdpDoctor' -MockWith {
            [pscustomobject]@{ Status = 'Running'; StartType = 'Manual' }
        }
        Mock -CommandName 'Get-Service' -ModuleName 'RdpDoctor' -ParameterFilter { $Name -eq 'CryptSvc' } -MockWith {
            [pscustomobject]@{ Status = 'Running'; StartType = 'Automatic' }
        }
        Mock -CommandName 'Get-Service' -ModuleName 'RdpDoctor' -ParameterFilter { $Name -eq 'Tssdis' } -MockWith {
            throw (New-TestErrorRecord -Message "Cannot find any service with service name 'Tssdis'." -ErrorId 'NoServiceFoundForGivenName,Microsoft.PowerShell.Commands.GetServiceCommand' -Category 'ObjectNotFound')
        }

        # The listener: TermService in svchost 1184 on 3389; three user sessions besides services and console.
        Mock -CommandName 'Get-NetTCPConnection' -ModuleName 'RdpDoctor' -MockWith {
            [pscustomobject]@{ LocalAddress = '0.0.0.0'; LocalPort = [uint16]3389; State = 'Listen'; OwningProcess = [uint32]1184 }
            [pscustomobject]@{ LocalAddress = '::'; LocalPort = [uint16]3389; State = 'Listen'; OwningProcess = [uint32]1184 }
        }
        Mock -CommandName 'Get-Process' -ModuleName 'RdpDoctor' -MockWith {
            [pscustomobject]@{ Id = 1184; ProcessName = 'svchost' }
        }
        Mock -CommandName 'qwinsta.exe' -ModuleName 'RdpDoctor' -MockWith {
            ' SESSIONNAME       USERNAME                 ID  STATE   TYPE        DEVICE'
            ' services                                    0  Disc'
            ' console                                     1  Conn'
            '>rdp-tcp#0         alice                     2  Active'
            '                   bob                       3  Disc'
            ' rdp-tcp#1         carol                     4  Active'
            ' rdp-tcp                                 65536  Listen'
        }
    }

    Context 'Healthy host' {
        BeforeAll {
            $snapshot = Get-RdpDiagnosticSnapshot
        }

        It 'fills Host from WMI, the registry and the role checks' {
            $snapshot.Host.OSVersion | Should -BeExactly '10.0.20348'
            $snapshot.Host.OSCaption | Should -BeExactly 'Microsoft Windows Server 2022 Datacenter'
            $snapshot.Host.ProductType | Should -BeExactly 'Server'
            $snapshot.Host.IsElevated | Should -BeOfType [bool]
            $snapshot.Host.PSVersion | Should -BeExactly $PSVersionTable.PSVersion.ToString()
            $snapshot.Host.PartOfDomain | Should -BeTrue
            $snapshot.Host.SecureChannelOk | Should -BeTrue
            $snapshot.Host.IsConnectionBroker | Should -BeFalse
            $snapshot.Host.IsSessionHost | Should -BeTrue
            $snapshot.Host.SystemSetupInProgress.Value | Should -Be 0
            $snapshot.Host.OobeInProgress.Value | Should -Be 0
            $snapshot.Host.FipsAlgorithmPolicy.Value | Should -Be 0
            $snapshot.Host.FipsAlgorithmPolicy.Error | Should -BeNullOrEmpty
            if ($isWindowsHost) {
                $snapshot.Host.Error | Should -BeNullOrEmpty
            } else {
                $snapshot.Host.Error | Should -Match '^IsElevated: '
            }
        }

        It 'lists the six services in order with status and start type' {
            @($snapshot.Services | ForEach-Object { $_.Name }) | Should -Be @('TermService', 'UmRdpService', 'SessionEnv', 'CertPropSvc', 'KeyIso', 'CryptSvc')
            @($snapshot.Services | Where-Object { $_.Status -ne 'Running' }) | Should -HaveCount 0
            $snapshot.Services[0].StartType | Should -BeExactly 'Manual'
            $snapshot.Services[5].StartType | Should -BeExactly 'Automatic'
            @($snapshot.Services | Where-Object { $null -ne $_.Error }) | Should -HaveCount 0
        }

        It 'reads fDenyTSConnections locally and AllowTSConnections from WMI' {
            $deny = $snapshot.Connections.DenyTSConnections
            $deny.Local | Should -Be 0
            $deny.Policy | Should -BeNullOrEmpty
            $deny.Effective | Should -Be 0
            $deny.Source | Should -BeExactly 'Local'
            $deny.Error | Should -BeNullOrEmpty
            $snapshot.Connections.AllowTSConnections | Should -Be 1
            $snapshot.Connections.Error | Should -BeNullOrEmpty
        }

        It 'reads the RDP-Tcp values, with MaxInstanceCount as unsigned' {
            $listener = $snapshot.Listener
            $listener.KeyPresent | Should -BeTrue
            $listener.fEnableWinStation.Value | Should -Be 1
            $listener.PortNumber.Value | Should -Be 3389
            $listener.SecurityLayer.Effective | Should -Be 2
            $listener.SecurityLayer.Source | Should -BeExactly 'Local'
            $listener.UserAuthentication.Effective | Should -Be 1
            $listener.MinEncryptionLevel.Effective | Should -Be 3
            $listener.fAllowSecProtocolNegotiation.Value | Should -Be 1
            $listener.MaxInstanceCount.Local | Should -Be 4294967295
            $listener.MaxInstanceCount.Effective | Should -Be 4294967295
            $listener.SelfSignedCertStore | Should -BeExactly 'Remote Desktop'
            $listener.SslCertificateSha1Hash | Should -BeNullOrEmpty
            $listener.Error | Should -BeNullOrEmpty
        }

        It 'reads the listener state, the WMI certificate binding in upper case, and the port owner' {
            $listener = $snapshot.Listener
            $listener.State | Should -BeExactly 'Listen'
            $listener.WmiCertificateHashType | Should -Be 1
            $listener.WmiCertificateHash | Should -BeExactly $thumbprint
            $listener.PortOwner.Port | Should -Be 3389
            $listener.PortOwner.Listening | Should -BeTrue
            $listener.PortOwner.ProcessId | Should -Be 1184
            $listener.PortOwner.ProcessName | Should -BeExactly 'svchost'
            @($listener.PortOwner.ServiceNames) | Should -Be @('TermService')
            $listener.PortOwner.Error | Should -BeNullOrEmpty
            Should -Invoke -CommandName 'Get-CimInstance' -ModuleName 'RdpDoctor' -ParameterFilter {
                ($ClassName -eq 'Win32_Service') -and ($Filter -eq 'ProcessId = 1184')
            }
        }

        It 'counts the three RDP sessions and reads MaxOutstandingConnections as absent' {
            $snapshot.Limits.SessionCount | Should -Be 3
            $snapshot.Limits.MaxOutstandingConnections.Value | Should -BeNullOrEmpty
            $snapshot.Limits.MaxOutstandingConnections.Error | Should -BeNullOrEmpty
            $snapshot.Limits.Error | Should -BeNullOrEmpty
        }

        It 'reports the four RCM certificate values with their sizes' {
            @($snapshot.Rcm.CertificateValues | ForEach-Object { $_.Name }) | Should -Be @('Certificate', 'X509 Certificate', 'X509 Certificate ID', 'X509 Certificate2')
            @($snapshot.Rcm.CertificateValues | ForEach-Object { $_.Length }) | Should -Be @(184, 1152, 40, 1250)
            @($snapshot.Rcm.CertificateValues | Where-Object { -not $_.Present }) | Should -HaveCount 0
            $snapshot.Rcm.Error | Should -BeNullOrEmpty
        }

        It 'defaults AllowEncryptionOracle to Mitigated (1) and reads disabledomaincreds as absent' {
            $oracle = $snapshot.CredSsp.AllowEncryptionOracle
            $oracle.Local | Should -BeNullOrEmpty
            $oracle.Policy | Should -BeNullOrEmpty
            $oracle.Effective | Should -Be 1
            $oracle.Source | Should -BeExactly 'Default'
            $snapshot.CredSsp.DisableDomainCreds.Value | Should -BeNullOrEmpty
            $snapshot.CredSsp.DisableDomainCreds.Error | Should -BeNullOrEmpty
            $snapshot.CredSsp.Error | Should -BeNullOrEmpty
        }

        It 'keeps lists and unsigned values through -OutputFormat Json' {
            $fromJson = Get-RdpDiagnosticSnapshot -OutputFormat Json | ConvertFrom-Json
            $fromJson.Listener.MaxInstanceCount.Effective | Should -Be 4294967295
            @($fromJson.Listener.PortOwner.ServiceNames) | Should -Be @('TermService')
            @($fromJson.Rcm.CertificateValues) | Should -HaveCount 4
            @($fromJson.Services) | Should -HaveCount 6
        }
    }

    Context 'Access denied' {
        BeforeAll {
            Mock -CommandName 'Get-ItemProperty' -ModuleName 'RdpDoctor' -ParameterFilter { $LiteralPath -eq $rdpTcpKey } -MockWith {
                throw [System.UnauthorizedAccessException]::new('Access to the registry key is denied.')
            }
            Mock -CommandName 'Get-ItemProperty' -ModuleName 'RdpDoctor' -ParameterFilter { $LiteralPath -eq $rcmKey } -MockWith {
                throw [System.Security.SecurityException]::new('Requested registry access is not allowed.')
            }
            Mock -CommandName 'Get-CimInstance' -ModuleName 'RdpDoctor' -ParameterFilter { $ClassName -eq 'Win32_TerminalServiceSetting' } -MockWith {
                throw [System.UnauthorizedAccessException]::new('Access denied')
            }
            Mock -CommandName 'Get-Service' -ModuleName 'RdpDoctor' -ParameterFilter { $Name -eq 'KeyIso' } -MockWith {
                throw [System.UnauthorizedAccessException]::new('Access denied')
            }
            $snapshot = Get-RdpDiagnosticSnapshot
        }

        It 'records access denied on every RDP-Tcp value and leaves them null' {
            $listener = $snapshot.Listener
            $listener.KeyPresent | Should -BeNullOrEmpty
            $listener.fEnableWinStation.Value | Should -BeNullOrEmpty
            $listener.fEnableWinStation.Error | Should -BeExactly 'access denied'
            $listener.PortNumber.Error | Should -BeExactly 'access denied'
            $listener.SecurityLayer.Effective | Should -BeNullOrEmpty
            $listener.SecurityLayer.Source | Should -BeExactly 'Unknown'
            $listener.SecurityLayer.Error | Should -BeExactly 'access denied'
            $listener.SelfSignedCertStore | Should -BeNullOrEmpty
            $listener.Error | Should -Match 'RDP-Tcp: access denied'
            $listener.Error | Should -Match 'SelfSignedCertStore: access denied'
        }

        It 'still checks the default port and the binding in WMI' {
            $snapshot.Listener.PortOwner.Port | Should -Be 3389
            $snapshot.Listener.PortOwner.Listening | Should -BeTrue
            $snapshot.Listener.WmiCertificateHash | Should -BeExactly $thumbprint
        }

        It 'records access denied for WMI in Connections and Host without losing the registry values' {
            $snapshot.Connections.AllowTSConnections | Should -BeNullOrEmpty
            $snapshot.Connections.Error | Should -BeExactly 'Win32_TerminalServiceSetting: access denied'
            $snapshot.Connections.DenyTSConnections.Effective | Should -Be 0
            $snapshot.Host.IsSessionHost | Should -BeNullOrEmpty
            $snapshot.Host.Error | Should -Match 'Win32_TerminalServiceSetting: access denied'
            $snapshot.Host.OSVersion | Should -BeExactly '10.0.20348'
        }

        It 'marks RCM values not present, with the reason in the section error' {
            @($snapshot.Rcm.CertificateValues) | Should -HaveCount 4
            @($snapshot.Rcm.CertificateValues | Where-Object { $_.Present }) | Should -HaveCount 0
            $snapshot.Rcm.Error | Should -Match '^Certificate: access denied'
        }

        It 'reports an unreadable service as Unknown with the reason, and the others as read' {
            $keyIso = $snapshot.Services | Where-Object { $_.Name -eq 'KeyIso' }
            $keyIso.Status | Should -BeExactly 'Unknown'
            $keyIso.StartType | Should -BeNullOrEmpty
            $keyIso.Error | Should -BeExactly 'access denied'
            ($snapshot.Services | Where-Object { $_.Name -eq 'TermService' }).Status | Should -BeExactly 'Running'
        }
    }

    Context 'Missing keys, values and services' {
        BeforeAll {
            Mock -CommandName 'Get-ItemProperty' -ModuleName 'RdpDoctor' -ParameterFilter { $true } -MockWith {
                throw [System.Management.Automation.ItemNotFoundException]::new('Cannot find path because it does not exist.')
            }
            Mock -CommandName 'Get-Service' -ModuleName 'RdpDoctor' -ParameterFilter { $Name -eq 'UmRdpService' } -MockWith {
                throw (New-TestErrorRecord -Message "Cannot find any service with service name 'UmRdpService'." -ErrorId 'NoServiceFoundForGivenName,Microsoft.PowerShell.Commands.GetServiceCommand' -Category 'ObjectNotFound')
            }
            $snapshot = Get-RdpDiagnosticSnapshot
        }

        It 'reports the RDP-Tcp key as absent, without an error' {
            $snapshot.Listener.KeyPresent | Should -BeFalse
            $snapshot.Listener.fEnableWinStation.Value | Should -BeNullOrEmpty
            $snapshot.Listener.fEnableWinStation.Error | Should -BeNullOrEmpty
            $snapshot.Listener.Error | Should -BeNullOrEmpty
        }

        It 'falls back to the documented defaults, or null where there is none' {
            $snapshot.Connections.DenyTSConnections.Effective | Should -Be 1
            $snapshot.Connections.DenyTSConnections.Source | Should -BeExactly 'Default'
            $snapshot.Listener.SecurityLayer.Effective | Should -Be 1
            $snapshot.Listener.SecurityLayer.Source | Should -BeExactly 'Default'
            $snapshot.Listener.UserAuthentication.Effective | Should -BeNullOrEmpty
            $snapshot.Listener.UserAuthentication.Source | Should -BeExactly 'Default'
            $snapshot.Listener.MaxInstanceCount.Effective | Should -BeNullOrEmpty
        }

        It 'reports absent RCM values as not present, without an error' {
            @($snapshot.Rcm.CertificateValues | Where-Object { $_.Present }) | Should -HaveCount 0
            @($snapshot.Rcm.CertificateValues | Where-Object { $null -ne $_.Length }) | Should -HaveCount 0
            $snapshot.Rcm.Error | Should -BeNullOrEmpty
        }

        It 'reports Host setup values as absent' {
            $snapshot.Host.SystemSetupInProgress.Value | Should -BeNullOrEmpty
            $snapshot.Host.SystemSetupInProgress.Error | Should -BeNullOrEmpty
        }

        It 'reports an uninstalled service as Missing, without an error' {
            $service = $snapshot.Services | Where-Object { $_.Name -eq 'UmRdpService' }
            $service.Status | Should -BeExactly 'Missing'
            $service.StartType | Should -BeNullOrEmpty
            $service.Error | Should -BeNullOrEmpty
        }
    }

    Context 'A value of the wrong type' {
        BeforeAll {
            Mock -CommandName 'Get-ItemProperty' -ModuleName 'RdpDoctor' -ParameterFilter { $LiteralPath -eq $rdpTcpKey } -MockWith {
                [pscustomobject]@{
                    fEnableWinStation = 'yes'
                    PortNumber = 3389
                    SecurityLayer = '2'
                    UserAuthentication = 1
                    SSLCertificateSHA1Hash = $thumbprint
                }
            }
            $snapshot = Get-RdpDiagnosticSnapshot
        }

        It "gives a DWORD stored as a string Value null and Error 'wrong type: String'" {
            $snapshot.Listener.fEnableWinStation.Value | Should -BeNullOrEmpty
            $snapshot.Listener.fEnableWinStation.Error | Should -BeExactly 'wrong type: String'
        }

        It 'makes the policy setting Unknown when its local value has the wrong type' {
            $layer = $snapshot.Listener.SecurityLayer
            $layer.Local | Should -BeNullOrEmpty
            $layer.Effective | Should -BeNullOrEmpty
            $layer.Source | Should -BeExactly 'Unknown'
            $layer.Error | Should -BeExactly 'wrong type: String'
        }

        It 'keeps the values of the right type' {
            $snapshot.Listener.PortNumber.Value | Should -Be 3389
            $snapshot.Listener.UserAuthentication.Effective | Should -Be 1
        }

        It 'records a certificate hash stored as text instead of binary' {
            $snapshot.Listener.SslCertificateSha1Hash | Should -BeNullOrEmpty
            $snapshot.Listener.Error | Should -Match 'SSLCertificateSHA1Hash: wrong type: String'
        }
    }

    Context 'Group Policy overrides the local values' {
        BeforeAll {
            Mock -CommandName 'Get-ItemProperty' -ModuleName 'RdpDoctor' -ParameterFilter { $LiteralPath -eq $policyKey } -MockWith {
                [pscustomobject]@{ fDenyTSConnections = 1; SecurityLayer = 1; MinEncryptionLevel = 2 }
            }
            Mock -CommandName 'Get-ItemProperty' -ModuleName 'RdpDoctor' -ParameterFilter { $LiteralPath -eq $credSspKey } -MockWith {
                [pscustomobject]@{ AllowEncryptionOracle = 2 }
            }
            $snapshot = Get-RdpDiagnosticSnapshot
        }

        It 'takes fDenyTSConnections from the policy' {
            $deny = $snapshot.Connections.DenyTSConnections
            $deny.Local | Should -Be 0
            $deny.Policy | Should -Be 1
            $deny.Effective | Should -Be 1
            $deny.Source | Should -BeExactly 'Policy'
        }

        It 'takes SecurityLayer and MinEncryptionLevel from the policy, and leaves UserAuthentication local' {
            $snapshot.Listener.SecurityLayer.Local | Should -Be 2
            $snapshot.Listener.SecurityLayer.Policy | Should -Be 1
            $snapshot.Listener.SecurityLayer.Effective | Should -Be 1
            $snapshot.Listener.SecurityLayer.Source | Should -BeExactly 'Policy'
            $snapshot.Listener.MinEncryptionLevel.Effective | Should -Be 2
            $snapshot.Listener.UserAuthentication.Source | Should -BeExactly 'Local'
        }

        It 'reads AllowEncryptionOracle as a policy with no local copy' {
            $oracle = $snapshot.CredSsp.AllowEncryptionOracle
            $oracle.Local | Should -BeNullOrEmpty
            $oracle.Policy | Should -Be 2
            $oracle.Effective | Should -Be 2
            $oracle.Source | Should -BeExactly 'Policy'
        }
    }

    Context 'No listener, a custom certificate, and qwinsta without rdp-tcp' {
        BeforeAll {
            Mock -CommandName 'Get-ItemProperty' -ModuleName 'RdpDoctor' -ParameterFilter { $LiteralPath -eq $rdpTcpKey } -MockWith {
                [pscustomobject]@{ PortNumber = 3390; SSLCertificateSHA1Hash = [byte[]]@(0x3F, 0x2A, 0x0C, 0xAB) }
            }
            Mock -CommandName 'Get-NetTCPConnection' -ModuleName 'RdpDoctor' -MockWith {
                throw (New-TestErrorRecord -Message "No MSFT_NetTCPConnection objects found with property 'LocalPort' equal to '3390'." -ErrorId 'CmdletizationQuery_NotFound_LocalPort,Get-NetTCPConnection' -Category 'ObjectNotFound')
            }
            Mock -CommandName 'qwinsta.exe' -ModuleName 'RdpDoctor' -MockWith {
                ' SESSIONNAME       USERNAME                 ID  STATE   TYPE        DEVICE'
                ' services                                    0  Disc'
                '>console           admin                     1  Active'
            }
            $snapshot = Get-RdpDiagnosticSnapshot
        }

        It 'checks the configured port and finds nothing listening, without an error' {
            $owner = $snapshot.Listener.PortOwner
            $owner.Port | Should -Be 3390
            $owner.Listening | Should -BeFalse
            $owner.ProcessId | Should -BeNullOrEmpty
            @($owner.ServiceNames) | Should -HaveCount 0
            $owner.Error | Should -BeNullOrEmpty
            Should -Invoke -CommandName 'Get-NetTCPConnection' -ModuleName 'RdpDoctor' -ParameterFilter { $LocalPort -eq 3390 }
        }

        It 'reports the rdp-tcp listener as Missing and counts no RDP session' {
            $snapshot.Listener.State | Should -BeExactly 'Missing'
            $snapshot.Limits.SessionCount | Should -Be 0
        }

        It 'writes the binary certificate hash as upper-case hex' {
            $snapshot.Listener.SslCertificateSha1Hash | Should -BeExactly '3F2A0CAB'
        }
    }

    Context 'qwinsta.exe cannot run' {
        BeforeAll {
            Mock -CommandName 'qwinsta.exe' -ModuleName 'RdpDoctor' -MockWith {
                throw [System.Management.Automation.CommandNotFoundException]::new("The term 'qwinsta.exe' is not recognized as the name of a cmdlet.")
            }
            $snapshot = Get-RdpDiagnosticSnapshot
        }

        It 'leaves State and SessionCount null and says why' {
            $snapshot.Listener.State | Should -BeNullOrEmpty
            $snapshot.Listener.Error | Should -Match '^State: qwinsta.exe: '
            $snapshot.Limits.SessionCount | Should -BeNullOrEmpty
            $snapshot.Limits.Error | Should -Match '^SessionCount: qwinsta.exe: '
        }
    }

    Context 'A collector that throws unexpectedly' {
        BeforeAll {
            # Write-Verbose opens every section collector, so it is where an unexpected failure can be injected.
            Mock -CommandName 'Write-Verbose' -ModuleName 'RdpDoctor' -ParameterFilter { $Message -eq 'RdpDoctor: collecting Rcm' } -MockWith {
                throw 'simulated Rcm failure'
            }
            Mock -CommandName 'Write-Verbose' -ModuleName 'RdpDoctor' -ParameterFilter { $Message -eq 'RdpDoctor: collecting Listener' } -MockWith {
                throw 'simulated Listener failure'
            }
            $snapshot = Get-RdpDiagnosticSnapshot
        }

        It 'gives Rcm its fallback with the error' {
            @($snapshot.Rcm.CertificateValues) | Should -HaveCount 0
            $snapshot.Rcm.Error | Should -BeExactly 'simulated Rcm failure'
        }

        It 'gives Listener its fallback shape with the error' {
            $listener = $snapshot.Listener
            $listener.Error | Should -BeExactly 'simulated Listener failure'
            $listener.KeyPresent | Should -BeNullOrEmpty
            $listener.State | Should -BeNullOrEmpty
            $listener.SecurityLayer.Source | Should -BeExactly 'Unknown'
            $listener.PortNumber.Value | Should -BeNullOrEmpty
            $listener.PortOwner.Listening | Should -BeNullOrEmpty
            @($listener.PortOwner.ServiceNames) | Should -HaveCount 0
        }

        It 'collects the other sections as usual' {
            $snapshot.CredSsp.AllowEncryptionOracle.Effective | Should -Be 1
            $snapshot.Limits.SessionCount | Should -Be 3
            $snapshot.Connections.Error | Should -BeNullOrEmpty
        }
    }
}
