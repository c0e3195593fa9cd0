/**
 * Articles written for the search tests (invented people and events): ten stories of five statements each, in the
 * everyday words of political news, so that a phrase from one statement shares most of its words with many others.
 * Each body quotes its statements, as a newspaper does, so the article matches the same phrase as its statement.
 */

export interface Story {
  title: string;
  publishedAt: string;
  people: string[];
  /** [speaker index, text] */
  statements: [number, string][];
}

export const STORIES: Story[] = [
  {
    title: 'Finance minister defends the new water tariff',
    publishedAt: '2024-03-04',
    people: ['Gülşen Çelebi', 'Tomasz Wróbel'],
    statements: [
      [0, 'The government will not raise the water tariff again this year, whatever the pressure from the lenders.'],
      [0, 'We have spoken to every provincial government and they understand why the new tariff was necessary now.'],
      [1, 'Families in the poorest districts were never asked whether they could pay the new water tariff at all.'],
      [1, 'The minister talks about reform, but the people of this country only see bigger bills every month.'],
      [0, 'I am surprised by the lack of enthusiasm for a reform that will bring clean water to every village.'],
    ],
  },
  {
    title: 'Teachers end strike after talks with the education ministry',
    publishedAt: '2024-03-11',
    people: ['Amara Okafor', 'Ingrid Halvorsen'],
    statements: [
      [0, 'Our members will go back to the classrooms on Monday because the ministry finally agreed to pay the arrears.'],
      [1, 'The talks were difficult, but both sides wanted the children back in school before the examinations.'],
      [0, 'If the government breaks its promise again, the strike will start again and it will last much longer.'],
      [1, 'Nobody won this strike; the real losers are the children who missed six weeks of lessons.'],
      [0, 'We thank the parents who stood with the teachers through the cold weeks outside the ministry.'],
    ],
  },
  {
    title: 'Harbour dredging contract under scrutiny',
    publishedAt: '2024-03-15',
    people: ['Diego Salcedo', 'Rashid Qadri'],
    statements: [
      [0, 'The dredging contract was awarded to the only company that never submitted a proper environmental report.'],
      [1, 'Every step of the tender was public and the auditors found nothing wrong with the harbour contract.'],
      [0, 'The fishermen of the old harbour lost their catch for two seasons while the dredgers worked day and night.'],
      [1, 'The harbour will handle twice as many ships next year, and that means thousands of new jobs for the city.'],
      [0, 'We will ask the court to suspend the contract until an independent report on the harbour is published.'],
    ],
  },
  {
    title: 'Opposition walks out of budget debate',
    publishedAt: '2024-04-02',
    people: ['Yusuf Demirtaş', 'Helena Marchetti'],
    statements: [
      [0, 'This budget takes money from hospitals and schools and gives it to projects that nobody in the country asked for.'],
      [1, 'The opposition walked out because it has no answer to the figures we presented in the house today.'],
      [0, 'We walked out because the speaker refused to give the opposition the time the rules of the house promise us.'],
      [1, 'The budget raises spending on health by a fifth and still keeps the deficit below the target agreed with lenders.'],
      [0, 'The people will judge this government at the next election for a budget written by accountants, not by leaders.'],
    ],
  },
  {
    title: 'Flood defences fail in river towns',
    publishedAt: '2024-04-18',
    people: ['Mei Ling Tan', 'Oluwaseun Adeyemi'],
    statements: [
      [0, 'The river rose faster than any model had predicted and the old walls simply could not hold the water back.'],
      [1, 'The warnings about those walls were written down five years ago and ignored by every minister since then.'],
      [0, 'Rescue teams reached every village by Tuesday night and no one is still missing in the river towns.'],
      [1, 'The families who lost their homes need money for rebuilding, not more visits from politicians with cameras.'],
      [0, 'We will build new defences along the whole river before the next rainy season, and the money is already there.'],
    ],
  },
  {
    title: 'Central bank holds interest rate steady',
    publishedAt: '2024-05-06',
    people: ['Sigrid Aalto', 'Kwame Mensah'],
    statements: [
      [0, 'Inflation is falling more slowly than we hoped, so the rate will stay where it is for at least another quarter.'],
      [1, 'Small businesses cannot borrow at these rates, and every month of delay closes more shops on our high streets.'],
      [0, 'The bank does not take orders from the finance ministry and it will not cut rates to please anyone.'],
      [1, 'Keeping the rate this high for so long is a choice, and it is the workers who pay for that choice.'],
      [0, 'Prices of food and fuel are the main worry, and they depend on markets far beyond the reach of this bank.'],
    ],
  },
  {
    title: 'Hospital staff warn of winter crisis',
    publishedAt: '2024-05-20',
    people: ['Aiyana Redcloud', 'Bartholomew Finch'],
    statements: [
      [0, 'The emergency wards are already full in May, so nobody should be surprised when they overflow in December.'],
      [1, 'The health service has more doctors and nurses than at any time in its history, and the numbers keep growing.'],
      [0, 'Nurses are leaving for other countries because the pay here has not kept up with the cost of living for years.'],
      [1, 'We have opened three new wards this year and the waiting lists are shorter than they were last winter.'],
      [0, 'The staff are exhausted, and a tired nurse at the end of a double shift is a danger to the patients she loves.'],
    ],
  },
  {
    title: 'Railway line to the north reopens',
    publishedAt: '2024-06-03',
    people: ['Farida Noorzai', 'Lucien Beaumont'],
    statements: [
      [0, 'The northern line carried its first passengers in nine years this morning, and every train was full.'],
      [1, 'The line cost three times the first estimate and the tickets are too expensive for the people it was built for.'],
      [0, 'Freight trains will follow in the autumn, so the farmers of the north can send their harvest to the ports.'],
      [1, 'Nobody has explained who will pay for the maintenance of the bridges once the foreign loan runs out.'],
      [0, 'The railway brings the north closer to the capital than any road ever did, and that is worth the cost.'],
    ],
  },
  {
    title: 'Press council condemns arrest of reporter',
    publishedAt: '2024-06-21',
    people: ['Anneliese Vogt', 'Tariq Haddadin'],
    statements: [
      [0, 'A reporter was arrested for asking questions, and every journalist in the country should be worried tonight.'],
      [1, 'The reporter was detained for breaking the law on official secrets, not for any question he asked.'],
      [0, 'The police kept him for two days without a lawyer and took the notebooks with the names of his sources.'],
      [1, 'The courts will decide this case, and the government will respect whatever the judges decide.'],
      [0, 'A free press is not a favour granted by ministers; it is the right of every citizen to know what they do.'],
    ],
  },
  {
    title: 'Farmers protest the price of fertiliser',
    publishedAt: '2024-07-09',
    people: ['Nikolai Petrescu', 'Chiara Lombardi'],
    statements: [
      [0, 'A bag of fertiliser now costs more than the wheat it helps to grow, and no farm can survive on that arithmetic.'],
      [1, 'The subsidy for fertiliser was doubled in the spring, and the money reached the farmers within weeks.'],
      [0, 'The tractors will stay on the motorway until the minister comes out to talk to the farmers face to face.'],
      [1, 'Blocking the motorway hurts the farmers too, because their own produce cannot reach the markets in the city.'],
      [0, 'Our grandfathers fed this country through two wars, and today their grandchildren cannot pay for seed.'],
    ],
  },
];

/** The article document of a story: its statements quoted in the body, the way a newspaper reports them. */
export function storyDocument(story: Story) {
  const refs = story.people.map((_, i) => `p${i}`);
  const body = [
    `${story.title}. Reported on ${story.publishedAt}.`,
    ...story.statements.map(([speaker, text]) => `${story.people[speaker]} said: "${text}"`),
    `${story.people[0]} and ${story.people[1]} are expected to speak again next week.`,
  ].join('\n\n');
  return {
    url: `https://search-test.example/${encodeURIComponent(story.title)}`,
    title: story.title,
    publishedAt: story.publishedAt,
    body,
    entities: story.people.map((name, i) => ({ ref: refs[i], type: 'PERSON', name })),
    statements: story.statements.map(([speaker, text]) => ({ speaker: refs[speaker], text, about: [refs[1 - speaker]] })),
    mentions: refs,
  };
}
