export function whichPath(cmd: string): string | undefined;
