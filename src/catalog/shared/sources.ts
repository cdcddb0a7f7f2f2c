/**
 * References from causes-catalog.md section 4, keyed by their tag, so causes, the decoding tables and the probe
 * findings cite `SOURCES.R9` instead of copying the URL. Tags that name more than one page (R18, R19) and the S-tags of field reports are cited
 * inline by the one cause that uses each page.
 */
import type { SourceRef } from "../../model/cause.js";

type SourceTable<T extends Record<string, string>> = { readonly [K in keyof T]: SourceRef & { readonly ref: K } };

function byTag<const T extends Record<string, string>>(urls: T): SourceTable<T> {
  return Object.fromEntries(Object.entries(urls).map(([ref, url]) => [ref, { ref, url }])) as SourceTable<T>;
}

export const SOURCES = byTag({
  R1: "https://learn.microsoft.com/en-us/windows/win32/termserv/imstscaxevents-ondisconnected",
  R2: "https://learn.microsoft.com/en-us/windows/win32/termserv/extendeddisconnectreasoncode",
  R3: "https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-rdpbcgr/a21a1bd9-2303-49c1-90ec-3932435c248c",
  R5: "https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-rdpbcgr/1b3920e7-0116-4345-bc45-f2c4ad012761",
  R8: "https://learn.microsoft.com/en-us/troubleshoot/windows-server/remote/rdp-error-general-troubleshooting",
  R9: "https://learn.microsoft.com/en-us/troubleshoot/windows-server/remote/internal-error-has-occurred-connecting-remote-machine",
  R10: "https://learn.microsoft.com/en-us/troubleshoot/windows-server/remote/remote-desktop-cannot-connect-remote-computer",
  R11: "https://learn.microsoft.com/en-us/troubleshoot/windows-server/remote/remote-desktop-listener-certificate-configurations",
  R12: "https://learn.microsoft.com/en-us/troubleshoot/azure/virtual-machines/windows/event-id-troubleshoot-vm-rdp-connecton",
  R13: "https://learn.microsoft.com/en-us/troubleshoot/azure/virtual-machines/windows/cannot-connect-rdp-azure-vm",
  R14: "https://learn.microsoft.com/en-us/windows/win32/termserv/win32-tsgeneralsetting-setsecuritylayer",
  R15: "https://learn.microsoft.com/en-us/troubleshoot/windows-server/windows-security/default-permissions-machinekeys-folders",
  R16: "https://support.microsoft.com/help/4093492",
  R17: "https://learn.microsoft.com/en-us/windows-server/remote/remote-desktop-services/clients/troubleshoot-remote-desktop-connections",
  R20: "https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-server-2012-R2-and-2012/dn786445(v=ws.11)",
  R21: "https://learn.microsoft.com/en-us/windows-server/remote/remote-desktop-services/clients/change-listening-port",
  R22: "https://learn.microsoft.com/en-us/troubleshoot/windows-server/remote/remote-desktop-disconnected",
});
