/**
 * The approved verbs of Windows PowerShell 5.1 (`Get-Verb` there). Frozen here rather than read from a
 * live PowerShell, because PowerShell 6 added `Build` and `Deploy`, which 5.1 flags as unapproved on import
 * (platform-limits.md MD2; learn.microsoft.com/powershell/scripting/developer/cmdlet/approved-verbs-for-windows-powershell-commands).
 */
export const APPROVED_VERBS_51: ReadonlySet<string> = new Set([
  // Common
  "Add", "Clear", "Close", "Copy", "Enter", "Exit", "Find", "Format", "Get", "Hide", "Join", "Lock", "Move", "New",
  "Open", "Optimize", "Pop", "Push", "Redo", "Remove", "Rename", "Reset", "Resize", "Search", "Select", "Set", "Show",
  "Skip", "Split", "Step", "Switch", "Undo", "Unlock", "Watch",
  // Communications
  "Connect", "Disconnect", "Read", "Receive", "Send", "Write",
  // Data
  "Backup", "Checkpoint", "Compare", "Compress", "Convert", "ConvertFrom", "ConvertTo", "Dismount", "Edit", "Expand",
  "Export", "Group", "Import", "Initialize", "Limit", "Merge", "Mount", "Out", "Publish", "Restore", "Save", "Sync",
  "Unpublish", "Update",
  // Diagnostic
  "Debug", "Measure", "Ping", "Repair", "Resolve", "Test", "Trace",
  // Lifecycle
  "Approve", "Assert", "Complete", "Confirm", "Deny", "Disable", "Enable", "Install", "Invoke", "Register", "Request",
  "Restart", "Resume", "Start", "Stop", "Submit", "Suspend", "Uninstall", "Unregister", "Wait",
  // Security
  "Block", "Grant", "Protect", "Revoke", "Unblock", "Unprotect",
  // Other
  "Use",
]);
