#Requires -Version 5.1
<#
    The generated module as PowerShell sees it: manifest, import, exports, verbs, help and cmdlet binding.
#>

BeforeDiscovery {
    $repoRoot = Split-Path -Path (Split-Path -Path $PSScriptRoot -Parent) -Parent
    $manifestPath = Join-Path -Path (Join-Path -Path (Join-Path -Path $repoRoot -ChildPath 'dist-ps') -ChildPath 'RdpDoctor') -ChildPath 'RdpDoctor.psd1'

    # The exported names come from the manifest, so discovery does not need to import the module.
    $exportedCommands = @()
    if (Test-Path -LiteralPath $manifestPath -PathType Leaf) {
        $exportedCommands = @(
            (Import-PowerShellDataFile -LiteralPath $manifestPath).FunctionsToExport |
                Where-Object { -not [string]::IsNullOrEmpty($_) } |
                ForEach-Object { @{ Name = $_ } }
        )
    }
    $testCommands = @($exportedCommands | Where-Object { $_.Name -like 'Test-*' })
}

BeforeAll {
    $repoRoot = Split-Path -Path (Split-Path -Path $PSScriptRoot -Parent) -Parent
    $moduleRoot = Join-Path -Path (Join-Path -Path $repoRoot -ChildPath 'dist-ps') -ChildPath 'RdpDoctor'
    $manifestPath = Join-Path -Path $moduleRoot -ChildPath 'RdpDoctor.psd1'
}

Describe 'RdpDoctor module manifest' {
    BeforeAll {
        $manifestData = Import-PowerShellDataFile -LiteralPath $manifestPath
    }

    It 'passes Test-ModuleManifest' {
        { Test-ModuleManifest -Path $manifestPath -ErrorAction Stop } | Should -Not -Throw
        $manifestInfo = Test-ModuleManifest -Path $manifestPath -ErrorAction Stop
        $manifestInfo.Name | Should -BeExactly 'RdpDoctor'
        $manifestInfo.Version | Should -Be ([version]$manifestData.ModuleVersion)
        @($manifestInfo.ExportedFunctions.Keys) | Should -Not -BeNullOrEmpty
        $differences = @(
            Compare-Object -ReferenceObject @($manifestData.FunctionsToExport) -DifferenceObject @($manifestInfo.ExportedFunctions.Keys)
        )
        $differences | Should -HaveCount 0
    }

    It 'lists <Key> explicitly, without wildcards' -ForEach @(
        @{ Key = 'FunctionsToExport' }
        @{ Key = 'CmdletsToExport' }
        @{ Key = 'VariablesToExport' }
        @{ Key = 'AliasesToExport' }
    ) {
        # A missing key means "export everything", which is as bad as '*'.
        $manifestData.ContainsKey($Key) | Should -BeTrue
        @($manifestData[$Key]) | Where-Object { "$_" -match '[\*\?\[\]]' } | Should -HaveCount 0
    }

    It 'exports at least one function' {
        @($manifestData.FunctionsToExport) | Should -Not -BeNullOrEmpty
    }

    It 'declares CompatiblePSEditions <Edition>' -ForEach @(
        @{ Edition = 'Desktop' }
        @{ Edition = 'Core' }
    ) {
        @($manifestData.CompatiblePSEditions) | Should -Contain $Edition
    }

    It "requires PowerShellVersion '5.1'" {
        $manifestData.PowerShellVersion | Should -BeExactly '5.1'
    }
}

Describe 'RdpDoctor module import' {
    BeforeAll {
        $manifestData = Import-PowerShellDataFile -LiteralPath $manifestPath
        $module = Import-Module -Name $manifestPath -Force -PassThru -ErrorAction Stop
        $expectedFunctions = @($manifestData.FunctionsToExport)
        $actualFunctions = @($module.ExportedFunctions.Keys)
    }

    AfterAll {
        Remove-Module -Name 'RdpDoctor' -Force -ErrorAction SilentlyContinue
    }

    It 'imports with -Force -PassThru' {
        $module | Should -Not -BeNullOrEmpty
        $module.Name | Should -BeExactly 'RdpDoctor'
        $module.Version | Should -Be ([version]$manifestData.ModuleVersion)
    }

    It 'exports every function the manifest lists' {
        $actualFunctions | Should -Not -BeNullOrEmpty
        Compare-Object -ReferenceObject $expectedFunctions -DifferenceObject $actualFunctions |
            Where-Object { $_.SideIndicator -eq '<=' } |
            ForEach-Object { $_.InputObject } |
            Should -HaveCount 0
    }

    It 'exports no function the manifest does not list' {
        $actualFunctions | Should -Not -BeNullOrEmpty
        Compare-Object -ReferenceObject $expectedFunctions -DifferenceObject $actualFunctions |
            Where-Object { $_.SideIndicator -eq '=>' } |
            ForEach-Object { $_.InputObject } |
            Should -HaveCount 0
    }

    It 'exports no cmdlets, variables or aliases' {
        $module.ExportedCmdlets.Keys | Should -HaveCount 0
        $module.ExportedVariables.Keys | Should -HaveCount 0
        $module.ExportedAliases.Keys | Should -HaveCount 0
    }

    Context 'Exported command <Name>' -ForEach $exportedCommands {
        BeforeAll {
            $command = Get-Command -Name $Name -Module 'RdpDoctor' -ErrorAction Stop
            $help = Get-Help -Name $Name -Full
            $approvedVerbs = @((Get-Verb).Verb)
            $commonParameters = @(
                [System.Management.Automation.PSCmdlet]::CommonParameters
                [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
            )
        }

        It 'uses an approved verb' {
            $command.Verb | Should -BeIn $approvedVerbs
        }

        It 'does not use the lifecycle verbs Build or Deploy' {
            $command.Verb | Should -Not -BeIn @('Build', 'Deploy')
        }

        It 'has a help synopsis' {
            $synopsis = "$($help.Synopsis)".Trim()
            $synopsis | Should -Not -BeNullOrEmpty
            # Without comment-based help, Get-Help makes up a synopsis from the syntax line.
            $synopsis | Should -Not -Match ('^' + [regex]::Escape($Name) + '(\s|$)')
        }

        It 'has a help description' {
            $description = (@($help.Description) | ForEach-Object { $_.Text }) -join ''
            $description.Trim() | Should -Not -BeNullOrEmpty
        }

        It 'has at least one help example' {
            $examples = @($help.Examples.Example)
            $examples.Count | Should -BeGreaterThan 0
            "$($examples[0].Code)".Trim() | Should -Not -BeNullOrEmpty
        }

        It 'documents every parameter with .PARAMETER' {
            $helpParameters = @($help.Parameters.Parameter)
            $undocumented = @(
                foreach ($parameterName in $command.Parameters.Keys) {
                    if ($parameterName -in $commonParameters) {
                        continue
                    }
                    $entry = $helpParameters | Where-Object { $_.Name -eq $parameterName } | Select-Object -First 1
                    $text = (@($entry.Description) | ForEach-Object { $_.Text }) -join ''
                    if ([string]::IsNullOrWhiteSpace($text)) {
                        $parameterName
                    }
                }
            )
            $undocumented | Should -HaveCount 0
        }

        It 'declares a ConfirmImpact wherever it supports ShouldProcess' {
            $binding = @($command.ScriptBlock.Attributes | Where-Object { $_ -is [System.Management.Automation.CmdletBindingAttribute] })
            $supportsShouldProcess = @($binding | Where-Object { $_.SupportsShouldProcess }).Count -gt 0

            # The attribute object reports ConfirmImpact Medium even when it is not written, so whether it was
            # declared is read from the syntax tree of the [CmdletBinding(...)] attribute.
            $functionAst = $command.ScriptBlock.Ast
            $bodyAst = if ($functionAst -is [System.Management.Automation.Language.FunctionDefinitionAst]) {
                $functionAst.Body
            } else {
                $functionAst
            }
            $bindingAst = @(
                $bodyAst.ParamBlock.Attributes | Where-Object {
                    $_.TypeName.GetReflectionType() -eq [System.Management.Automation.CmdletBindingAttribute]
                }
            )
            $declaresConfirmImpact = @($bindingAst.NamedArguments | Where-Object { $_.ArgumentName -eq 'ConfirmImpact' }).Count -gt 0

            ($supportsShouldProcess -and -not $declaresConfirmImpact) | Should -BeFalse -Because 'a command that supports ShouldProcess must say how risky it is'
        }
    }

    Context 'Test command <Name>' -ForEach $testCommands {
        It 'declares an [OutputType]' {
            $command = Get-Command -Name $Name -Module 'RdpDoctor' -ErrorAction Stop
            $command.OutputType | Should -Not -BeNullOrEmpty
            @($command.OutputType | Where-Object { -not [string]::IsNullOrEmpty($_.Name) }) | Should -Not -BeNullOrEmpty
        }
    }
}
