import fs from 'node:fs';
import path from 'node:path';

/** Shape of .tools/status.json as written by scripts/setup-tools.mjs. */
export interface ToolStatus {
  available: boolean;
  version?: string;
  path?: string;
  errors: string[];
  /** Short human-readable reason when unavailable. */
  reason?: string;
  checkedAt?: string;
}

export interface PwshStatus extends ToolStatus {
  kind: 'dotnet-tool' | 'sdk-host' | 'none';
  command?: string[];
}

export interface PesterStatus extends ToolStatus {
  modulePath?: string;
}

export interface ToolsStatus {
  pwsh: PwshStatus;
  pester: PesterStatus;
  osslsigncode: ToolStatus;
  checkedAt: string;
}

export function statusFile(root: string): string {
  return path.join(root, '.tools', 'status.json');
}

/** Reads .tools/status.json; null when missing or unreadable. */
export function readToolsStatus(root: string): ToolsStatus | null {
  try {
    const data: unknown = JSON.parse(fs.readFileSync(statusFile(root), 'utf8'));
    if (data && typeof data === 'object' && 'pwsh' in data && 'pester' in data) return data as ToolsStatus;
    return null;
  } catch {
    return null;
  }
}

/** Why Pester cannot run, or null when pwsh and Pester are both available. */
export function pesterUnavailableReason(status: ToolsStatus | null): string | null {
  if (!status) return 'no .tools/status.json (setup-tools did not complete)';
  const reasons: string[] = [];
  if (!status.pwsh?.available) reasons.push(`pwsh unavailable (${status.pwsh?.reason ?? 'unknown reason'})`);
  if (!status.pester?.available) reasons.push(`Pester unavailable (${status.pester?.reason ?? 'unknown reason'})`);
  return reasons.length ? reasons.join('; ') : null;
}
