import { countries } from 'countries-list';
import { key } from './entities.js';

// Countries and their capitals (countries-list, ISO 3166), the US states, and the places US news names most.
const US_STATES =
  'Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|' +
  'Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|' +
  'Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|' +
  'Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|' +
  'West Virginia|Wisconsin|Wyoming|District of Columbia|Puerto Rico';
const REGIONS = 'Middle East|Latin America|Central America|South America|North America|Southeast Asia|New England|Great Britain|Soviet Union';

// Built on first use: entities.ts, whose `key` folds them, imports this module.
let places: Set<string> | undefined;
const known = () =>
  (places ??= new Set(
    [...Object.values(countries).flatMap((c) => [c.name, c.capital]), ...US_STATES.split('|'), ...REGIONS.split('|')].filter(Boolean).map(key),
  ));

// "San Bernardino", "Las Vegas", "Fort Lauderdale", "West Palm Beach": words that open the names of places.
const PLACE_OPENERS = new Set(['san', 'santa', 'los', 'las', 'fort', 'port', 'lake', 'mount', 'north', 'south', 'east', 'west', 'upper', 'lower']);

/**
 * Whether a name that no rule has typed is a place: two capitalised words are most often a person's name, but not
 * "South Carolina". A place that speaks stands for its government ("North Korea said"), so it is kept as an
 * organisation; one only mentioned is no entity.
 */
export function isPlace(name: string): boolean {
  const k = key(name).replace(/^the /, '');
  return known().has(k) || PLACE_OPENERS.has(k.split(' ')[0]!);
}
