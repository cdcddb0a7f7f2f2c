#Requires -Version 5.1
<#
    Byte-level and syntax gates for every generated PowerShell file under dist-ps/.
    The same rules are enforced at generation time; these tests re-check the files that were actually written,
    with the real PowerShell parser and (on Windows) the real Authenticode verifier.
#>

BeforeDiscovery {
    $repoRoot = Split-Path -Path (Split-Path -Path $PSScriptRoot -Parent) -Parent
    $distRoot = Join-Path -Path $repoRoot -ChildPath 'dist-ps'

    # Windows PowerShell 5.1 has no $IsWindows (it is $null there) and only runs on Windows.
    $onWindows = ($PSVersionTable.PSEdition -ne 'Core') -or ($IsWindows -eq $true)

    $generatedFiles = @()
    if (Test-Path -LiteralPath $distRoot -PathType Container) {
        $distRoot = (Get-Item -LiteralPath $distRoot).FullName.TrimEnd('\', '/')
        $generatedFiles = @(
            Get-ChildItem -LiteralPath $distRoot -Recurse -File |
                Where-Object { $_.Extension -in @('.ps1', '.psm1', '.psd1', '.ps1xml') } |
                Sort-Object -Property FullName |
                ForEach-Object {
                    @{
                        Name = $_.FullName.Substring($distRoot.Length).TrimStart('\', '/').Replace('\', '/')
                        Path = $_.FullName
                        Extension = $_.Extension.ToLowerInvariant()
                    }
                }
        )
    }
    $scriptFiles = @($generatedFiles | Where-Object { $_.Extension -ne '.ps1xml' })
    $xmlFiles = @($generatedFiles | Where-Object { $_.Extension -eq '.ps1xml' })
}

Describe 'Generated files in dist-ps' {
    BeforeAll {
        $repoRoot = Split-Path -Path (Split-Path -Path $PSScriptRoot -Parent) -Parent
        $distRoot = Join-Path -Path $repoRoot -ChildPath 'dist-ps'

        # Syntax that only PowerShell 7 understands. On 5.1 these types do not exist (and the 5.1 parser
        # already reports such syntax as an error), so the lookups yield nothing and the checks pass.
        $sevenOnlyAstTypes = @(
            @(
                'System.Management.Automation.Language.TernaryExpressionAst'
                'System.Management.Automation.Language.PipelineChainAst'
            ) | ForEach-Object { $_ -as [type] } | Where-Object { $null -ne $_ }
        )
        $sevenOnlyTokenKinds = @('QuestionQuestion', 'QuestionQuestionEquals', 'QuestionDot', 'QuestionLBracket')

        function Get-ByteRuleViolation {
            <#
            .SYNOPSIS
                Lists every byte that breaks the ASCII + CRLF + no-trailing-whitespace rules, by rule.
            #>
            [CmdletBinding()]
            [OutputType([hashtable])]
            param(
                [Parameter(Mandatory)]
                [AllowEmptyCollection()]
                [byte[]]
                $Bytes
            )

            $violations = @{
                NonAscii = [System.Collections.Generic.List[string]]::new()
                BareLineFeed = [System.Collections.Generic.List[string]]::new()
                LoneCarriageReturn = [System.Collections.Generic.List[string]]::new()
                TrailingWhitespace = [System.Collections.Generic.List[string]]::new()
            }
            $line = 1
            for ($i = 0; $i -lt $Bytes.Length; $i++) {
                $byte = $Bytes[$i]
                if ($byte -gt 0x7F) {
                    $violations.NonAscii.Add(('line {0}, offset {1}: byte 0x{2:X2}' -f $line, $i, $byte))
                }
                if ($byte -eq 0x0A) {
                    if (($i -eq 0) -or ($Bytes[$i - 1] -ne 0x0D)) {
                        $violations.BareLineFeed.Add(('line {0}, offset {1}' -f $line, $i))
                    }
                    $line++
                } elseif ($byte -eq 0x0D) {
                    if ((($i + 1) -ge $Bytes.Length) -or ($Bytes[$i + 1] -ne 0x0A)) {
                        $violations.LoneCarriageReturn.Add(('line {0}, offset {1}' -f $line, $i))
                    } elseif (($i -gt 0) -and (($Bytes[$i - 1] -eq 0x20) -or ($Bytes[$i - 1] -eq 0x09))) {
                        $violations.TrailingWhitespace.Add(('line {0}, offset {1}' -f $line, $i))
                    }
                }
            }
            $violations
        }

        function Get-FlatToken {
            <#
            .SYNOPSIS
                Returns the tokens and, recursively, the tokens nested in expandable strings.
            #>
            [CmdletBinding()]
            [OutputType([System.Management.Automation.Language.Token])]
            param(
                [Parameter(Mandatory)]
                [AllowEmptyCollection()]
                [System.Management.Automation.Language.Token[]]
                $Token
            )

            foreach ($item in $Token) {
                $item
                if (($item -is [System.Management.Automation.Language.StringExpandableToken]) -and ($null -ne $item.NestedTokens)) {
                    Get-FlatToken -Token @($item.NestedTokens)
                }
            }
        }
    }

    It 'dist-ps holds the module manifest and the root module (run npm run -s build first)' {
        Join-Path -Path $distRoot -ChildPath 'RdpDoctor/RdpDoctor.psd1' | Should -Exist
        Join-Path -Path $distRoot -ChildPath 'RdpDoctor/RdpDoctor.psm1' | Should -Exist
    }

    Context 'Bytes and signature of <Name>' -ForEach $generatedFiles {
        BeforeAll {
            $bytes = [System.IO.File]::ReadAllBytes($Path)
            $text = [System.Text.Encoding]::ASCII.GetString($bytes)
            $violations = Get-ByteRuleViolation -Bytes $bytes
        }

        It 'is not empty' {
            $bytes.Length | Should -BeGreaterThan 0
        }

        It 'has no byte order mark' {
            $hasBom = ($bytes.Length -ge 3) -and ($bytes[0] -eq 0xEF) -and ($bytes[1] -eq 0xBB) -and ($bytes[2] -eq 0xBF)
            $hasBom | Should -BeFalse
        }

        It 'is pure ASCII (every byte <= 0x7F)' {
            $violations.NonAscii | Should -HaveCount 0
        }

        It 'ends every line with CRLF (no bare LF)' {
            $violations.BareLineFeed | Should -HaveCount 0
        }

        It 'has no lone CR' {
            $violations.LoneCarriageReturn | Should -HaveCount 0
        }

        It 'has no space or tab before a line break' {
            $violations.TrailingWhitespace | Should -HaveCount 0
        }

        It 'ends with exactly one Authenticode signature block' {
            if ($Extension -eq '.ps1xml') {
                $beginMarker = '<!-- SIG # Begin signature block -->'
                $blockPattern = '\r\n<!-- SIG # Begin signature block -->\r\n(?:<!-- [A-Za-z0-9+/=]+ -->\r\n)+<!-- SIG # End signature block -->\r\n\z'
            } else {
                $beginMarker = '# SIG # Begin signature block'
                $blockPattern = '\r\n# SIG # Begin signature block\r\n(?:# [A-Za-z0-9+/=]+\r\n)+# SIG # End signature block\r\n\z'
            }
            [regex]::Matches($text, [regex]::Escape($beginMarker)).Count | Should -Be 1
            $text | Should -Match $blockPattern
        }

        It 'has an Authenticode signature that matches its content' -Skip:(-not $onWindows) {
            $signature = Get-AuthenticodeSignature -LiteralPath $Path
            # The development certificate is self-signed and usually not trusted: NotTrusted or UnknownError
            # are expected there, Valid where the signer is trusted. HashMismatch and NotSigned are failures.
            $signature.Status.ToString() | Should -BeIn @('Valid', 'NotTrusted', 'UnknownError') -Because $signature.StatusMessage
            $signature.SignerCertificate | Should -Not -BeNullOrEmpty
        }
    }

    Context 'PowerShell syntax of <Name>' -ForEach $scriptFiles {
        BeforeAll {
            $tokens = $null
            $parseErrors = $null
            $ast = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref]$tokens, [ref]$parseErrors)
        }

        It 'parses without errors' {
            $parseErrors |
                ForEach-Object { 'line {0}: {1}' -f $_.Extent.StartLineNumber, $_.Message } |
                Should -HaveCount 0
        }

        It 'uses no PowerShell 7-only expressions (ternary, && / || pipeline chains)' {
            $found = @(
                foreach ($node in $ast.FindAll({ param($candidate) $null -ne $candidate }, $true)) {
                    foreach ($type in $sevenOnlyAstTypes) {
                        if ($node -is $type) {
                            '{0} at line {1}: {2}' -f $type.Name, $node.Extent.StartLineNumber, $node.Extent.Text
                        }
                    }
                }
            )
            $found | Should -HaveCount 0
        }

        It 'uses no PowerShell 7-only operators (??, ??=, ?., ?[)' {
            $found = @(
                foreach ($token in (Get-FlatToken -Token @($tokens))) {
                    if ($token.Kind.ToString() -in $sevenOnlyTokenKinds) {
                        '{0} at line {1}' -f $token.Kind, $token.Extent.StartLineNumber
                    }
                }
            )
            $found | Should -HaveCount 0
        }
    }

    Context 'XML syntax of <Name>' -ForEach $xmlFiles {
        It 'is well-formed XML' {
            {
                $document = New-Object -TypeName System.Xml.XmlDocument
                $document.Load($Path)
            } | Should -Not -Throw
        }
    }
}
