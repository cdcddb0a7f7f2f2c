/**
 * Variable scopes (about_Scopes): a function or script block runs in a child scope; reads fall back to the
 * parents, writes go to the current scope. Variable names are case-insensitive.
 */
import type { PsValue } from "./values.js";

export class Scope {
  private readonly vars = new Map<string, PsValue>();

  constructor(readonly parent: Scope | undefined) {}

  child(): Scope {
    return new Scope(this);
  }

  set(name: string, value: PsValue): void {
    this.vars.set(name.toLowerCase(), value);
  }

  /** The variable's value, or undefined when no scope defines it (the caller decides what that means). */
  lookup(name: string): PsValue | undefined {
    const key = name.toLowerCase();
    for (let s: Scope | undefined = this; s !== undefined; s = s.parent) {
      if (s.vars.has(key)) return s.vars.get(key)!;
    }
    return undefined;
  }
}

/** `return` unwinds to the function call (about_Return); output written before it is kept. */
export class ReturnSignal {
  constructor(readonly value: PsValue[]) {}
}
