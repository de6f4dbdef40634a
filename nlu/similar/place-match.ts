/**
 * Where two reports are relative to each other: coordinates when both have them (great-circle
 * distance), otherwise the place names they mention.
 */
import type { PlaceOptions } from './options.js';
import type { Places } from './places.js';
import type { PlaceMatch } from './types.js';

export interface Located {
  lat?: number;
  lng?: number;
  places: Places;
}

const EARTH_RADIUS_METERS = 6_371_008.8;
// Names shorter than this (two characters and a suffix) are too common to match inside a longer one.
const MIN_CONTAINED = 3;

export function haversineMeters(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function matchPlaces(a: Located, b: Located, options: PlaceOptions): PlaceMatch {
  const sharedPlaces = sharedSpots(a.places.spots, b.places.spots);
  const sharedAreas = a.places.areas.filter((area) => b.places.areas.includes(area));
  if (a.lat !== undefined && a.lng !== undefined && b.lat !== undefined && b.lng !== undefined) {
    return { ...byDistance(haversineMeters(a.lat, a.lng, b.lat, b.lng), options), sharedPlaces, sharedAreas };
  }
  return { ...byNames(a.places, b.places, sharedPlaces, sharedAreas), sharedPlaces, sharedAreas };
}

function byDistance(meters: number, options: PlaceOptions): Pick<PlaceMatch, 'evidence' | 'score' | 'distanceMeters'> {
  const { sameMeters, differentMeters } = options;
  const distanceMeters = Math.round(meters);
  if (meters <= sameMeters) return { evidence: 'same', score: 1, distanceMeters };
  if (meters >= differentMeters) return { evidence: 'different', score: 0, distanceMeters };
  return { evidence: 'near', score: (differentMeters - meters) / (differentMeters - sameMeters), distanceMeters };
}

function byNames(a: Places, b: Places, spots: string[], areas: string[]): Pick<PlaceMatch, 'evidence' | 'score'> {
  if (spots.length > 0) {
    // Overlap over the smaller set: a long report names more streets than a short one about the same spot.
    const overlap = spots.length / Math.min(a.spots.length, b.spots.length);
    return { evidence: 'same', score: 0.5 + 0.5 * Math.min(1, overlap) };
  }
  if (a.spots.length > 0 && b.spots.length > 0) return { evidence: 'different', score: areas.length > 0 ? 0.2 : 0 };
  if (areas.length > 0) return { evidence: 'near', score: 0.4 };
  if (a.areas.length > 0 && b.areas.length > 0) return { evidence: 'different', score: 0 };
  return { evidence: 'unknown', score: null };
}

/** Names of `a` that also occur in `b`, equal or one containing the other ("麓谷明珠小区" ⊃ "明珠小区"). */
function sharedSpots(a: string[], b: string[]): string[] {
  return a.filter((x) => b.some((y) => x === y || (Math.min(x.length, y.length) >= MIN_CONTAINED && (x.includes(y) || y.includes(x)))));
}
