import { type ArticleDocument, STATEMENT_KINDS } from '../src/ingest/document.js';

/**
 * A synthetic, deterministic news corpus for the ingestion benchmark. Pools of people, organisations and topics
 * are built first (from the seed alone, so the first k articles are the same whatever the corpus size); every
 * article then draws from them, so the same entity is spelled the same way in every document that names it.
 * Speakers are Zipf-distributed: a few people speak in a large share of the articles, as in real news.
 */

export interface CorpusOptions {
  articles: number;
  seed?: number;
  /** Size of the people pool (default 3000). */
  people?: number;
}

type Rng = () => number;

/** mulberry32: a tiny 32-bit PRNG, good enough for test data and fully reproducible. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const chance = (rng: Rng, p: number) => rng() < p;

function weighted<T extends string>(rng: Rng, weights: Readonly<Record<T, number>>): T {
  const entries = Object.entries(weights) as [T, number][];
  let u = rng() * entries.reduce((sum, [, w]) => sum + w, 0);
  for (const [key, w] of entries) if ((u -= w) < 0) return key;
  return entries[entries.length - 1]![0];
}

/** Samples ranks 0..n-1 with P(rank k) ∝ 1/(k+1)^s. */
function zipf(n: number, s: number): (rng: Rng) => number {
  const cdf = new Float64Array(n);
  let total = 0;
  for (let k = 0; k < n; k++) cdf[k] = total += 1 / (k + 1) ** s;
  return (rng) => {
    const u = rng() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/['’]/g, '');
const asciiSlug = (s: string) => fold(s).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'x';

// ---------------------------------------------------------------------------------------------------------------
// Name material

const CULTURES = {
  southAsian: {
    weight: 55,
    first: ['Imran', 'Shehbaz', 'Maryam', 'Bilawal', 'Asif', 'Ayesha', 'Fatima', 'Hamza', 'Usman', 'Zainab', 'Ahsan', 'Sana', 'Kokab', 'Azam', 'Faisal', 'Nadia', 'Rehana', 'Tariq', 'Saima', 'Farhan', 'Junaid', 'Hina', 'Arif', 'Shireen', 'Pervaiz', 'Ali', 'Hassan', 'Hussain', 'Bushra', 'Raheel', 'Nawaz', 'Asma', 'Saqib', 'Kamran', 'Fawad', 'Murad', 'Sherry', 'Zulfiqar', 'Ishaq', 'Mahnoor', 'Priya', 'Rahul', 'Anjali', 'Vikram', 'Sunita', 'Rajesh', 'Deepa', 'Arjun', 'Kavita', 'Sanjay', 'Rubina', 'Ghulam', 'Sadia', 'Waqar', 'Nighat'],
    surname: ['Khan', 'Sharif', 'Zardari', 'Bhutto', 'Zuberi', 'Zubéri', 'Qureshi', 'Siddiqui', 'Chaudhry', 'Malik', 'Butt', 'Abbasi', 'Rana', 'Gilani', 'Mazari', 'Yousafzai', 'Awan', 'Niazi', 'Hashmi', 'Rizvi', 'Naqvi', 'Jafri', 'Baloch', 'Mengal', 'Achakzai', 'Shah', 'Iqbal', 'Raza', 'Farooq', 'Aslam', 'Tarar', 'Dar', 'Haider', 'Sheikh', 'Mirza', 'Sharma', 'Patel', 'Gupta', 'Iyer', 'Reddy', 'Mukherjee', 'Banerjee', 'Nair', 'Memon', 'Soomro', 'Khattak', 'Durrani', 'Bugti', 'Lashari', 'Ansari'],
    middle: ['Muhammad', 'Syed', 'Mian', 'Malik', 'Rana', 'Sardar', 'Makhdoom'],
  },
  arabic: {
    weight: 13,
    first: ['Ahmed', 'Mohammed', 'Khalid', 'Layla', 'Yousef', 'Mariam', 'Omar', 'Nour', 'Karim', 'Rania', 'Samir', 'Amira', 'Hala', 'Faisal', 'Abdullah', 'Huda', 'Tareq', 'Salma', 'Jamal', 'Dalia'],
    surname: ['Al-Farsi', 'Haddad', 'Mansour', 'Nasser', 'El-Sayed', 'Abdullah', 'Al-Rashid', 'Hamdan', 'Al-Qasimi', 'Khoury', 'Saleh', 'Darwish', 'Al-Amin', 'Barakat', 'Aziz', 'Ḥaddād'],
    middle: [],
  },
  turkish: {
    weight: 5,
    first: ['Ayşe', 'Mehmet', 'Emine', 'Çağrı', 'Gökhan', 'Şebnem', 'Özlem', 'Mustafa', 'Zeynep', 'Burak', 'İlknur', 'Hülya'],
    surname: ['Yılmaz', 'Öztürk', 'Çelik', 'Şahin', 'Demir', 'Kaya', 'Aydın', 'Arslan', 'Doğan', 'Koç'],
    middle: [],
  },
  anglo: {
    weight: 17,
    first: ['James', 'Sarah', 'David', 'Emily', 'Michael', 'Rachel', 'Thomas', 'Catherine', 'William', 'Helen', 'Robert', 'Laura', 'John', 'Alice', 'Peter', 'Margaret', 'Daniel', 'Sophie', 'Richard', 'Hannah', "Seán", 'Siobhán'],
    surname: ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Evans', 'Thompson', 'Walker', 'Wright', 'Hughes', 'Clarke', "O'Brien", 'McCarthy', 'Robinson', 'Fletcher', 'Hamilton', 'Ellis'],
    middle: [],
  },
  european: {
    weight: 10,
    first: ['José', 'María', 'Inés', 'João', 'Beatriz', 'René', 'Chloé', 'François', 'Zoë', 'Łukasz', 'Jürgen', 'Anaïs', 'Núria', 'Søren', 'Agnès'],
    surname: ['García', 'Fernández', 'López', 'Gonçalves', 'Müller', 'Dubois', 'Lefèvre', 'Novák', 'Kowalski', 'Rossi', 'Schäfer', 'Martínez', 'Þórsson', 'Lindqvist'],
    middle: [],
  },
} as const;

const NEWSPAPERS: [name: string, domain: string, alias?: string][] = [
  ['Dawn', 'www.dawn.com'],
  ['The Express Tribune', 'tribune.com.pk', 'Tribune'],
  ['The News International', 'www.thenews.com.pk', 'The News'],
  ['Daily Jang', 'jang.com.pk', 'Jang'],
  ['The Nation', 'www.nation.com.pk'],
  ['Business Recorder', 'www.brecorder.com', 'BR'],
  ['Pakistan Today', 'www.pakistantoday.com.pk'],
  ['Daily Times', 'dailytimes.com.pk'],
  ['The Friday Times', 'thefridaytimes.com', 'TFT'],
  ['Nawa-i-Waqt', 'www.nawaiwaqt.com.pk'],
  ['Daily Express', 'www.express.com.pk'],
  ['The Hindu', 'www.thehindu.com'],
  ['Gulf News', 'gulfnews.com'],
  ['Arab News', 'www.arabnews.com'],
  ['The Guardian', 'www.theguardian.com'],
];

const PARTIES: [string, string][] = [
  ['Pakistan Tehreek-e-Insaf', 'PTI'], ['Pakistan Muslim League-Nawaz', 'PML-N'], ['Pakistan Peoples Party', 'PPP'],
  ['Jamiat Ulema-e-Islam (F)', 'JUI-F'], ['Muttahida Qaumi Movement-Pakistan', 'MQM-P'], ['Jamaat-e-Islami', 'JI'],
  ['Awami National Party', 'ANP'], ['Balochistan Awami Party', 'BAP'], ['Pakistan Muslim League-Quaid', 'PML-Q'],
  ['Grand Democratic Alliance', 'GDA'], ['Istehkam-e-Pakistan Party', 'IPP'], ['Bharatiya Janata Party', 'BJP'],
  ['Indian National Congress', 'INC'], ['Pakhtunkhwa Milli Awami Party', 'PkMAP'], ['Pakistan Democratic Movement', 'PDM'],
];

const MINISTRIES = ['Finance', 'Interior', 'Foreign Affairs', 'Defence', 'Information and Broadcasting', 'Law and Justice',
  'Planning and Development', 'Energy', 'National Health Services', 'Federal Education', 'Climate Change', 'Commerce',
  'Railways', 'Water Resources', 'Human Rights', 'Maritime Affairs', 'Religious Affairs', 'Science and Technology',
  'National Food Security', 'Housing and Works', 'Industries and Production', 'Petroleum', 'Communications',
  'Overseas Pakistanis', 'Kashmir Affairs'];

const GOVERNMENT: [name: string, alias?: string][] = [
  ["Prime Minister's Office", 'PMO'], ['Government of Pakistan'], ['Supreme Court of Pakistan', 'SC'],
  ['Lahore High Court', 'LHC'], ['Islamabad High Court', 'IHC'], ['Sindh High Court', 'SHC'],
  ['Election Commission of Pakistan', 'ECP'], ['Federal Investigation Agency', 'FIA'], ['National Accountability Bureau', 'NAB'],
  ['State Bank of Pakistan', 'SBP'], ['Federal Board of Revenue', 'FBR'], ['Pakistan Telecommunication Authority', 'PTA'],
  ['Pakistan Electronic Media Regulatory Authority', 'PEMRA'], ['National Assembly', 'NA'], ['Senate of Pakistan'],
  ['Punjab Assembly'], ['Government of Sindh'], ['Inter-Services Public Relations', 'ISPR'],
  ['National Disaster Management Authority', 'NDMA'], ['Securities and Exchange Commission of Pakistan', 'SECP'],
  ['Competition Commission of Pakistan', 'CCP'], ['International Monetary Fund', 'IMF'], ['World Bank'],
  ['Asian Development Bank', 'ADB'], ['United Nations', 'UN'], ['European Union', 'EU'],
];

const NGOS: [name: string, alias?: string][] = [
  ['Human Rights Commission of Pakistan', 'HRCP'], ['Edhi Foundation'], ['Aurat Foundation'], ['Digital Rights Foundation', 'DRF'],
  ['Transparency International Pakistan', 'TIP'], ['Amnesty International'], ['Shaukat Khanum Memorial Trust'], ['Akhuwat'],
  ['Saylani Welfare Trust'], ['Citizens Foundation', 'TCF'], ['Sustainable Development Policy Institute', 'SDPI'],
  ['Pakistan Institute of Legislative Development and Transparency', 'PILDAT'], ['Free and Fair Election Network', 'FAFEN'],
  ['Bytes for All'], ['Media Matters for Democracy', 'MMfD'], ['Pakistan Bar Council', 'PBC'], ['Karachi Chamber of Commerce', 'KCCI'],
  ['Lahore Chamber of Commerce and Industry', 'LCCI'], ['WWF-Pakistan'], ['Shirkat Gah'], ['Sahil'], ['Rozan'],
  ['Justice Project Pakistan', 'JPP'], ['Alif Ailaan'], ['Pakistan Medical Association', 'PMA'], ['Gallup Pakistan'],
  ['Reporters Without Borders', 'RSF'], ['Committee to Protect Journalists', 'CPJ'], ['Pakistan Federal Union of Journalists', 'PFUJ'],
  ['Chhipa Welfare Association'],
];

const UNIVERSITIES: [name: string, alias?: string][] = [
  ['Lahore Garrison University', 'LGU'], ['Lahore University of Management Sciences', 'LUMS'], ['Quaid-i-Azam University', 'QAU'],
  ['University of Karachi'], ['National University of Sciences and Technology', 'NUST'], ['Aga Khan University', 'AKU'],
  ['University of the Punjab', 'PU'], ['COMSATS University Islamabad'], ['Institute of Business Administration', 'IBA'],
  ['Forensic Research and Services Centre'],
];

const COMPANY_PREFIXES = ['Indus', 'Karakoram', 'Ravi', 'Margalla', 'Sapphire', 'Crescent', 'Falcon', 'Lucky', 'Fauji', 'Engro',
  'Habib', 'Meezan', 'Attock', 'Kohinoor', 'Nishat', 'Jubilee', 'Shalimar', 'Mehran', 'Chenab', 'Thar', 'Gandhara', 'Sitara'];
const COMPANY_SECTORS = ['Textiles', 'Cement', 'Fertilizer', 'Bank', 'Motors', 'Power', 'Steel', 'Pharmaceuticals', 'Telecom',
  'Foods', 'Refinery', 'Airways', 'Petroleum', 'Sugar Mills'];

const TOPICS: [name: string, alias?: string][] = [
  ['Inflation'], ['Electricity tariffs'], ['Petrol prices'], ['IMF bailout', 'IMF programme'], ['Circular debt'], ['Climate change'],
  ['Floods'], ['Heatwave'], ['Smog'], ['Water shortage'], ['Polio eradication', 'polio'], ['Dengue outbreak'],
  ['COVID-19 vaccination', 'Covid vaccines'], ['Cyber security'], ['The dark web', 'dark web'], ['Bitcoin'],
  ['The audio leaks', 'audio leaks'], ['The diplomatic cypher', 'cypher'], ['General elections'], ['Electoral reforms'],
  ['Judicial reforms'], ['Contempt of court'], ['Media freedom'], ['Press censorship'], ['Internet shutdowns'],
  ['Social media regulation'], ['Blasphemy laws'], ['Minority rights'], ["Women's rights"], ['Child marriage'],
  ['Honour killings'], ['Enforced disappearances', 'missing persons'], ['Terrorism'], ['Counter-terrorism'],
  ['China-Pakistan Economic Corridor', 'CPEC'], ['Gwadar port'], ['Trade deficit'], ['Foreign exchange reserves', 'forex reserves'],
  ['Rupee depreciation'], ['Stock market'], ['Privatisation'], ['Tax reforms'], ['Federal budget', 'budget'], ['Sugar crisis'],
  ['Wheat shortage'], ['Gas shortage'], ['Load shedding', 'power outages'], ['Railway accidents'], ['Street crime'],
  ['Police reforms'], ['Kashmir'], ['Afghan refugees'], ['Afghanistan'], ['Relations with India'],
  ['Relations with the United States'], ['Relations with China'], ['Relations with Saudi Arabia'], ['Higher education'],
  ['Out-of-school children'], ['Health insurance', 'Sehat Card'], ['Housing scheme'], ['Plastic ban'], ['Deforestation'],
  ['Billion Tree Tsunami'], ['Glacier melt'], ['Locust attack'], ['Cricket'], ['Pakistan Super League', 'PSL'], ['Hockey'],
  ['Film censorship'], ['Digital currency'], ['E-commerce'], ['Startups'], ['Remittances'], ['Gold prices'], ['Money laundering'],
  ['Toshakhana case'], ['Foreign funding case'], ['No-confidence motion'], ['Caretaker government'], ['Census 2023', 'census'],
  ['Local government elections'], ['Solar energy'], ['Mobile banking'], ['Organ trafficking'],
];
const REGIONAL_TOPICS = ['Floods', 'Smog', 'Heatwave', 'Load shedding', 'Street crime', 'Water shortage', 'Polio eradication',
  'Dengue outbreak', 'Health insurance', 'Local government elections', 'Police reforms', 'Out-of-school children', 'Gas shortage'];
const REGIONS = ['Punjab', 'Sindh', 'Khyber Pakhtunkhwa', 'Balochistan', 'Karachi', 'Lahore'];

const ROLES: Record<OrgKind, string[]> = {
  PARTY: ['Chairman', 'Chairperson', 'Central Leader', 'Spokesperson', 'Senator', 'Member of the National Assembly', 'Secretary General', 'Information Secretary', 'Provincial President'],
  MINISTRY: ['Federal Minister', 'Minister of State', 'Federal Secretary', 'Spokesperson', 'Special Assistant to the Prime Minister'],
  GOVERNMENT: ['Director General', 'Chairman', 'Spokesperson', 'Member', 'Governor', 'Commissioner', 'Justice'],
  NEWSPAPER: ['Reporter', 'Editor', 'Columnist', 'Correspondent'],
  COMPANY: ['Chief Executive Officer', 'Chief Financial Officer', 'Chairman', 'Spokesperson'],
  NGO: ['Executive Director', 'Chairperson', 'Spokesperson', 'Researcher'],
  UNIVERSITY: ['Vice-Chancellor', 'Professor', 'Director', 'Lecturer'],
};

const TEMPLATES: Record<(typeof STATEMENT_KINDS)[number], string[]> = {
  CLAIM: ['The government has made real progress on {a}', 'Figures show that {a} improved over the last quarter', '{a} is now under control, contrary to what critics say', 'Our policy on {a} has already saved billions of rupees'],
  ALLEGATION: ['{a} was deliberately mishandled to benefit a few', 'Officials covered up the facts about {a}', '{a} was used to settle political scores', 'Funds meant for {a} were siphoned off'],
  DENIAL: ['There is no truth in the reports about {a}', 'We never made any deal over {a}', 'The allegations regarding {a} are baseless', 'No one from our side was involved in {a}'],
  CONFIRMATION: ['We can confirm the reports about {a}', 'Yes, the meeting on {a} did take place', 'The inquiry into {a} has found the documents genuine'],
  DEMAND: ['An independent commission must investigate {a}', 'The government should immediately act on {a}', 'Parliament must debate {a} before any decision', 'All the facts about {a} should be made public'],
  OPINION: ['{a} is the biggest challenge the country faces', 'The handling of {a} has been disappointing', 'Without consensus, {a} cannot be resolved', 'History will judge us by how we dealt with {a}'],
  OTHER: ['A meeting on {a} will be held next week', 'The committee on {a} has been reconstituted', 'Talks about {a} will resume after Eid'],
};
const KIND_WEIGHTS = { CLAIM: 25, OPINION: 20, ALLEGATION: 12, DENIAL: 12, DEMAND: 12, CONFIRMATION: 9, OTHER: 10 } as const;
const TITLES = ['{s} slams {o} over {t}', '{s} vows action on {t}', '{o} rejects criticism on {t}', '{s} calls for probe into {t}',
  'Row over {t} deepens as {s} hits back', '{o} to review policy on {t}', '{s} denies claims about {t}', 'What {s} said about {t}',
  '{t}: {o} under fire', '{s} warns of fallout from {t}'];
const VERBS = ['said', 'told reporters', 'said in a statement', 'told a press conference', 'wrote on social media', 'told lawmakers'];

// ---------------------------------------------------------------------------------------------------------------
// Pools

type OrgKind = 'PARTY' | 'MINISTRY' | 'GOVERNMENT' | 'NEWSPAPER' | 'COMPANY' | 'NGO' | 'UNIVERSITY';

interface PoolEntity {
  type: 'PERSON' | 'ORGANISATION' | 'TOPIC';
  name: string;
  ref: string;
  aliases: string[];
  description?: string;
  kind?: string;
}
interface Person extends PoolEntity {
  org: number;
  role: string;
  since: string;
  until?: string;
}
interface Org extends PoolEntity {
  orgKind: OrgKind;
  domain?: string;
}

interface Pools {
  people: Person[];
  orgs: Org[];
  topics: PoolEntity[];
  newspapers: number[];
  journalistsOf: Map<number, number[]>;
}

function uniqueRefs<T extends { name: string; ref: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  for (const item of items) {
    let ref = item.ref;
    for (let n = 2; seen.has(ref); n++) ref = `${item.ref}-${n}`;
    item.ref = ref;
    seen.add(ref);
  }
  return items;
}

function buildPools(rng: Rng, peopleCount: number): Pools {
  const orgs: Org[] = [];
  const org = (name: string, orgKind: OrgKind, alias?: string, extra: Partial<Org> = {}) =>
    orgs.push({ type: 'ORGANISATION', name, ref: `o-${asciiSlug(name)}`.slice(0, 80), aliases: alias ? [alias] : [], kind: orgKind, orgKind, ...extra });
  const newspapers: number[] = [];
  for (const [name, domain, alias] of NEWSPAPERS) {
    newspapers.push(orgs.length);
    org(name, 'NEWSPAPER', alias, { domain, description: 'Newspaper' });
  }
  for (const [name, alias] of PARTIES) org(name, 'PARTY', alias, { description: 'Political party' });
  for (const m of MINISTRIES) org(`Ministry of ${m}`, 'MINISTRY', undefined, { description: `Federal ministry responsible for ${m.toLowerCase()}` });
  for (const [name, alias] of GOVERNMENT) org(name, 'GOVERNMENT', alias);
  for (const [name, alias] of NGOS) org(name, 'NGO', alias);
  for (const [name, alias] of UNIVERSITIES) org(name, 'UNIVERSITY', alias, { description: 'University' });
  const companies = new Set<string>();
  while (companies.size < 78) companies.add(`${pick(rng, COMPANY_PREFIXES)} ${pick(rng, COMPANY_SECTORS)} Limited`);
  for (const name of companies) {
    const acronym = name.split(' ').map((w) => w[0]).join('');
    org(name, 'COMPANY', chance(rng, 0.4) ? acronym : undefined, { description: 'Listed company' });
  }

  const topics: PoolEntity[] = TOPICS.map(([name, alias]) => ({ type: 'TOPIC', name, ref: `t-${asciiSlug(name)}`, aliases: alias ? [alias] : [] }));
  const regional = shuffle(rng, REGIONAL_TOPICS.flatMap((t) => REGIONS.map((r) => `${t} in ${r}`)));
  for (const name of regional.slice(0, 150 - topics.length)) topics.push({ type: 'TOPIC', name, ref: `t-${asciiSlug(name)}`, aliases: [] });

  // People: unique by folded name ("Zuberi" and "Zubéri" would be one entity, so only one of them is kept).
  const byKind = (k: OrgKind) => orgs.flatMap((o, i) => (o.orgKind === k ? [i] : []));
  const orgsByKind = Object.fromEntries((Object.keys(ROLES) as OrgKind[]).map((k) => [k, byKind(k)])) as Record<OrgKind, number[]>;
  const homeWeights = { PARTY: 30, MINISTRY: 14, GOVERNMENT: 18, NEWSPAPER: 8, COMPANY: 12, NGO: 12, UNIVERSITY: 6 } as const;
  const cultureWeights = Object.fromEntries(Object.entries(CULTURES).map(([k, c]) => [k, c.weight])) as Record<keyof typeof CULTURES, number>;
  const people: Person[] = [];
  const names = new Set<string>();
  for (let attempts = 0; people.length < peopleCount; attempts++) {
    const culture = CULTURES[weighted(rng, cultureWeights)];
    const first = pick(rng, culture.first);
    const surname = pick(rng, culture.surname);
    let name = culture.middle.length && chance(rng, 0.12) ? `${pick(rng, culture.middle)} ${first} ${surname}` : `${first} ${surname}`;
    // Past the combinations of the lists (large pools), a middle initial keeps names apart.
    if (attempts > peopleCount * 4) name = `${first} ${String.fromCharCode(65 + (attempts % 26))}. ${String.fromCharCode(65 + (Math.floor(attempts / 26) % 26))}. ${surname}`;
    if (names.has(fold(name))) continue;
    names.add(fold(name));
    const kind = weighted(rng, homeWeights);
    const home = pick(rng, orgsByKind[kind]);
    const role = pick(rng, ROLES[kind]);
    const sinceYear = int(rng, 1996, 2023);
    const since = isoDay(Date.UTC(sinceYear, int(rng, 0, 11), int(rng, 1, 28)));
    const until = chance(rng, 0.25) ? isoDay(Math.min(Date.parse(since) + int(rng, 200, 2500) * DAY, Date.UTC(2024, 11, 31))) : undefined;
    people.push({
      type: 'PERSON',
      name,
      ref: `p-${asciiSlug(name)}`.slice(0, 80),
      // How the press shortens the name: the surname mostly, sometimes the first name.
      aliases: [chance(rng, 0.6) ? surname : first],
      description: `${role}, ${orgs[home]!.name}`,
      org: home,
      role,
      since,
      ...(until ? { until } : {}),
    });
  }
  const journalistsOf = new Map<number, number[]>();
  people.forEach((p, i) => {
    if (orgs[p.org]!.orgKind === 'NEWSPAPER') journalistsOf.set(p.org, [...(journalistsOf.get(p.org) ?? []), i]);
  });
  return { people: uniqueRefs(people), orgs: uniqueRefs(orgs), topics: uniqueRefs(topics), newspapers, journalistsOf };
}

const DAY = 86_400_000;
const START = Date.UTC(2019, 0, 1);
const END = Date.UTC(2024, 11, 31);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

// ---------------------------------------------------------------------------------------------------------------
// Articles

/** `articles` documents, each valid under `validateDocument`; the same options always give the same corpus. */
export function generateCorpus(options: CorpusOptions): ArticleDocument[] {
  return [...streamCorpus(options)];
}

/**
 * The same documents one at a time, so a large corpus is never held whole: the read benchmark loads up to 200,000
 * articles in batches while measuring its own memory.
 */
export function* streamCorpus(options: CorpusOptions): Generator<ArticleDocument> {
  const rng = mulberry32(options.seed ?? 42);
  const pools = buildPools(rng, options.people ?? 3000);
  // Popularity ranks: people are already in random order; organisations and topics get a random one.
  const speakerRank = zipf(pools.people.length, 1.1);
  const orgOrder = shuffle(rng, pools.orgs.map((_, i) => i));
  const orgRank = zipf(orgOrder.length, 0.9);
  const topicOrder = shuffle(rng, pools.topics.map((_, i) => i));
  const topicRank = zipf(topicOrder.length, 0.8);
  const samplers: Samplers = {
    person: speakerRank,
    org: (r) => orgOrder[orgRank(r)]!,
    topic: (r) => topicOrder[topicRank(r)]!,
  };
  const identities = new Set<string>();
  for (let index = 0; index < options.articles; index++) yield article(rng, pools, index, identities, samplers);
}

/** Each draws a pool index. */
interface Samplers {
  person: (rng: Rng) => number;
  org: (rng: Rng) => number;
  topic: (rng: Rng) => number;
}

function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function article(rng: Rng, pools: Pools, index: number, identities: Set<string>, samplers: Samplers): ArticleDocument {
  const dayMs = START + int(rng, 0, (END - START) / DAY) * DAY;
  const day = isoDay(dayMs);
  const publishedAt = chance(rng, 0.7) ? `${day}T${String(int(rng, 0, 23)).padStart(2, '0')}:${String(int(rng, 0, 59)).padStart(2, '0')}:00+05:00` : day;
  const paper = pools.orgs[pick(rng, pools.newspapers)]!;
  const paperIndex = pools.orgs.indexOf(paper);

  // Entities: ~4 people (Zipf, so the famous appear everywhere), ~2 organisations, ~2 topics.
  const people = distinct(rng, int(rng, 3, 4), samplers.person);
  const orgs = distinct(rng, int(rng, 1, 2), samplers.org);
  const topics = distinct(rng, int(rng, 1, 2), samplers.topic);
  const affiliated = people.slice(0, int(rng, 1, 2));
  for (const p of affiliated) if (!orgs.includes(pools.people[p]!.org)) orgs.push(pools.people[p]!.org);
  if (chance(rng, 0.3) && !orgs.includes(paperIndex)) orgs.push(paperIndex);

  const entity = (e: PoolEntity, withAlias: boolean): ArticleDocument['entities'][number] => ({
    ref: e.ref,
    type: e.type,
    name: e.name,
    aliases: withAlias ? e.aliases : [],
    ...(e.description && chance(rng, 0.5) ? { description: e.description } : {}),
    ...(e.kind ? { kind: e.kind } : {}),
  });
  const entities = [
    ...people.map((i) => entity(pools.people[i]!, chance(rng, 0.3))),
    ...orgs.map((i) => entity(pools.orgs[i]!, chance(rng, 0.5))),
    ...topics.map((i) => entity(pools.topics[i]!, chance(rng, 0.4))),
  ];
  const aboutPool = entities.map((e) => e.ref);

  // Statements: ~5, mostly by the people in the article; some answer an earlier statement of the same article.
  const statements: ArticleDocument['statements'] = [];
  const statementCount = int(rng, 3, 7);
  for (let i = 0; i < statementCount; i++) {
    const speaker = chance(rng, 0.85) ? pools.people[pick(rng, people)]! : pools.orgs[pick(rng, orgs)]!;
    const respondsTo = i > 0 && chance(rng, 0.15) ? `s${int(rng, 0, i - 1)}` : undefined;
    const kind = respondsTo && chance(rng, 0.6) ? 'DENIAL' : weighted(rng, KIND_WEIGHTS);
    const about = [...new Set(Array.from({ length: int(rng, 1, 2) }, () => pick(rng, aboutPool.filter((r) => r !== speaker.ref))))];
    const aboutName = entities.find((e) => e.ref === about[0])!.name;
    const saidOn = (() => {
      const u = rng();
      if (u < 0.7) return day;
      if (u < 0.85) return isoDay(dayMs - int(rng, 1, 2) * DAY);
      return null;
    })();
    statements.push({
      ref: `s${i}`,
      speaker: speaker.ref,
      // The article number keeps texts apart: the same words twice would be one statement.
      text: `${pick(rng, TEMPLATES[kind]).replace('{a}', aboutName)} (remark ${i + 1}, article ${index + 1})`,
      kind,
      quote: chance(rng, 0.5),
      saidOn,
      about,
      ...(respondsTo ? { respondsTo } : {}),
    });
  }

  const affiliations = affiliated.map((i) => {
    const p = pools.people[i]!;
    return {
      person: p.ref,
      organisation: pools.orgs[p.org]!.ref,
      role: p.role,
      ...(chance(rng, 0.85) ? { since: p.since } : {}),
      ...(p.until ? { until: p.until } : {}),
    };
  });

  const lead = pools.people[people[0]!]!;
  const topic = pools.topics[topics[0]!]!;
  let title = pick(rng, TITLES).replace('{s}', lead.name).replace('{o}', pools.orgs[orgs[0]!]!.name).replace('{t}', topic.name);
  title = title[0]!.toUpperCase() + title.slice(1);
  const hasUrl = chance(rng, 0.9);
  if (!hasUrl) {
    // Without a url an article is known by source, title and day: keep those apart.
    const identity = `${paper.name}|${fold(title)}|${day}`;
    if (identities.has(identity)) title = `${title} (${index + 1})`;
    identities.add(`${paper.name}|${fold(title)}|${day}`);
  }
  const journalists = pools.journalistsOf.get(paperIndex) ?? [];
  const authors = journalists.length ? distinct(rng, Math.min(int(rng, 0, 2), journalists.length), () => int(rng, 0, journalists.length - 1)).map((j) => pools.people[journalists[j]!]!.name) : [];
  const weekday = WEEKDAYS[new Date(dayMs).getUTCDay()]!;
  const body = [
    ...statements.slice(0, 4).map((s) => `${entities.find((e) => e.ref === s.speaker)!.name} ${pick(rng, VERBS)}: "${s.text.replace(/ \(remark.*$/, '')}."`),
    `Speaking on ${weekday}, ${lead.name} added that the matter would be raised again.`,
    `The debate over ${topic.name} is expected to continue.`,
  ].join('\n\n');

  return {
    ...(hasUrl ? { url: `https://${paper.domain}/news/${1_000_000 + index}/${asciiSlug(title).slice(0, 80)}` } : {}),
    title,
    publishedAt,
    source: paper.name,
    authors,
    ...(chance(rng, 0.9) ? { language: 'en' } : {}),
    body,
    entities,
    affiliations,
    statements,
    mentions: entities.map((e) => e.ref),
  };
}

/** `count` distinct draws of `draw` (gives up on a value after a few collisions, so small pools cannot loop). */
function distinct(rng: Rng, count: number, draw: (rng: Rng) => number): number[] {
  const out: number[] = [];
  for (let tries = 0; out.length < count && tries < count * 20; tries++) {
    const v = draw(rng);
    if (!out.includes(v)) out.push(v);
  }
  return out;
}
