/**
 * DateTime as Windows PowerShell 5.1 (.NET Framework) has it, for the interpreter.
 *
 * Why the Kind matters: `[datetime]'2026-11-22T12:00:00Z'` goes through DateTime.Parse with the invariant
 * culture, which turns a 'Z' (or an offset) into LOCAL time with Kind=Local. DateTime subtraction ignores the
 * Kind, so mixing a Local and a Utc value is off by the zone offset; codegen/targets/lower-condition.ts calls
 * ToUniversalTime() on both sides for that reason. The interpreter runs in a configurable fixed-offset zone, so
 * the differential test can run where Local is not UTC and catch a lowering that forgets it.
 * DST is not modelled: a zone is one fixed offset.
 */
import { PsDateTime, PsRuntimeError, PsTimeSpan } from "./values.js";

const TICKS_PER_MS = 10_000n;
const TICKS_PER_MINUTE = 600_000_000n;
/** Ticks from 0001-01-01 to 1970-01-01 (DateTime.UnixEpoch.Ticks). */
const EPOCH_TICKS = 621_355_968_000_000_000n;
/** TimeSpan.TotalDays is `ticks * (1.0 / TicksPerDay)` in .NET; the same double arithmetic here. */
const DAYS_PER_TICK = 1.0 / 864_000_000_000;

export interface TimeZone {
  /** Minutes to add to UTC to get local time (+330 for UTC+05:30). */
  readonly offsetMinutes: number;
}

export const UTC_ZONE: TimeZone = { offsetMinutes: 0 };

/** The zone this process runs in, as one fixed offset (that of now). */
export function processZone(): TimeZone {
  return { offsetMinutes: -new Date().getTimezoneOffset() };
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

function wallTicks(y: number, mo: number, d: number, h: number, mi: number, s: number, fraction: string): bigint {
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(ms);
  if (Number.isNaN(ms) || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    throw new PsRuntimeError("String was not recognized as a valid DateTime.");
  }
  // Date.UTC maps years 0-99 to 1900-1999; the formats accepted here always have four digits, so that is fine
  // for 0100 and later, and earlier years are refused rather than misread.
  if (y < 100) throw new PsRuntimeError(`Year ${y} is outside the interpreted subset`);
  return BigInt(ms) * TICKS_PER_MS + EPOCH_TICKS + BigInt(fraction.padEnd(7, "0"));
}

/**
 * `[datetime]'...'`: DateTime.Parse(s, InvariantCulture) for ISO-8601 text. Other formats Parse would accept
 * (such as '11/22/2026 12:00') throw as outside the subset rather than being guessed.
 */
export function parseDateTime(text: string, zone: TimeZone): PsDateTime {
  const m = ISO.exec(text.trim());
  if (!m) throw new PsRuntimeError(`Cannot convert ${JSON.stringify(text)} to DateTime: only ISO-8601 text is interpreted`);
  const [, y, mo, d, h = "0", mi = "0", s = "0", fraction = "", designator] = m;
  const wall = wallTicks(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s), fraction);
  if (designator === undefined) return new PsDateTime(wall, "Unspecified");
  let offset = 0;
  if (designator.toUpperCase() !== "Z") {
    const digits = designator.replace(":", "");
    offset = (digits[0] === "-" ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  const utc = wall - BigInt(offset) * TICKS_PER_MINUTE;
  return new PsDateTime(utc + BigInt(zone.offsetMinutes) * TICKS_PER_MINUTE, "Local");
}

/** DateTime.ToUniversalTime(): Utc stays; Local and Unspecified are taken as local time. */
export function toUniversalTime(value: PsDateTime, zone: TimeZone): PsDateTime {
  if (value.kind === "Utc") return value;
  return new PsDateTime(value.ticks - BigInt(zone.offsetMinutes) * TICKS_PER_MINUTE, "Utc");
}

/** DateTime - DateTime: the wall-clock difference; the Kinds are ignored, as in .NET. */
export function subtract(a: PsDateTime, b: PsDateTime): PsTimeSpan {
  return new PsTimeSpan(a.ticks - b.ticks);
}

export function totalDays(span: PsTimeSpan): number {
  return Number(span.ticks) * DAYS_PER_TICK;
}

/** ToString('o'): the round-trip format, seven fractional digits, 'Z' for Utc and the offset for Local. */
export function toRoundTrip(value: PsDateTime, zone: TimeZone): string {
  const ms = Number((value.ticks - EPOCH_TICKS) / TICKS_PER_MS);
  const sub = ((value.ticks - EPOCH_TICKS) % TICKS_PER_MS + TICKS_PER_MS) % TICKS_PER_MS;
  const iso = new Date(ms).toISOString().slice(0, 23);
  const text = `${iso}${sub.toString().padStart(4, "0")}`;
  if (value.kind === "Utc") return `${text}Z`;
  if (value.kind === "Unspecified") return text;
  const off = zone.offsetMinutes;
  const hh = String(Math.floor(Math.abs(off) / 60)).padStart(2, "0");
  const mm = String(Math.abs(off) % 60).padStart(2, "0");
  return `${text}${off < 0 ? "-" : "+"}${hh}:${mm}`;
}

/** A JavaScript Date for the instant (the TypeScript side's `now`). */
export function toJsDate(value: PsDateTime, zone: TimeZone): Date {
  const utc = toUniversalTime(value, zone);
  return new Date(Number((utc.ticks - EPOCH_TICKS) / TICKS_PER_MS));
}
