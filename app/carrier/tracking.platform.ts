/**
 * What every platform's tracking table has in common: its overall statuses, the details it refines them with, and the
 * (status, detail) pairs whose detail changes what the parcel's state means to the warehouse. A value no table knows
 * maps to `unknown` (or keeps its status's meaning, for an unknown detail) with `known: false`, so that it is reported.
 */
import type { TrackingStatus } from '../domain';

export interface TrackingMapping {
  status: TrackingStatus;
  /** False when the platform sent a status or detail the table does not list. */
  known: boolean;
}

/** A detail that changes the meaning of one status, and why a warehouse reads it that way. */
export interface TrackingRefinement {
  status: string;
  detail: string;
  to: TrackingStatus;
  why: string;
}

export interface TrackingTable {
  statuses: Readonly<Record<string, TrackingStatus>>;
  /** Every detail the platform documents; one absent from `refinements` keeps its status's meaning. */
  details: readonly string[];
  refinements: readonly TrackingRefinement[];
}

/** A platform's mapping function, as `fromEasyPost` and `fromShippo` are. */
export type TrackingMap = (status: string, detail: string | null) => TrackingMapping;

const pairKey = (status: string, detail: string): string => JSON.stringify([status, detail]);

/** Builds the lookup of one table; Maps, because a platform value such as `constructor` must not find a prototype key. */
export function trackingMap(table: TrackingTable): TrackingMap {
  const statuses = new Map(Object.entries(table.statuses));
  const details = new Set(table.details);
  const refined = new Map(table.refinements.map((r) => [pairKey(r.status, r.detail), r.to]));
  return (status, detail) => {
    const base = statuses.get(status);
    if (base === undefined) return { status: 'unknown', known: false };
    if (detail === null) return { status: base, known: true };
    return { status: refined.get(pairKey(status, detail)) ?? base, known: details.has(detail) };
  };
}

/** One scan as a platform reports it, before mapping. */
export interface PlatformTrackingEvent {
  /** ISO 8601; a time without an offset is read as UTC. */
  at: string;
  status: string;
  detail: string | null;
  description: string;
  location: string | null;
}

export interface PlatformPlace {
  city?: string | null;
  state?: string | null;
  zip?: string | null;
  country?: string | null;
}

/** `HOUSTON, TX 77063, US`; null when the platform gave no part of the place. */
export function placeName(place: PlatformPlace | null | undefined): string | null {
  if (place == null) return null;
  const region = [place.state, place.zip].filter(Boolean).join(' ');
  const parts = [place.city, region, place.country].filter(Boolean);
  return parts.length === 0 ? null : parts.join(', ');
}
