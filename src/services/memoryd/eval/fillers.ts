/**
 * Everyday filler memories for the retrieval set: templates over names, places and things
 * that the labelled memories also use, so that the questions must tell apart memories which
 * share their words (Omar's dentist appointment is not mine). Seeded: the same set every run.
 *
 * @example
 * const texts = fillers(2700, 21);
 */

const NAMES =
  `Dana Marcus Ines Kofi Helga Ravi Yusuf Bea Lorenzo Chiara Oskar Mei Tariq Fatima Jonas Aiko Pedro Greta
Nadia Viktor Sofia Amir Leila Hugo Noor Emeka Ingrid Callum Zara Mateo Elif Bruno Keiko Olu Sven Priya Tom Maya Sam
Lucia Omar Hana Ben Chen Mira Isaac Farah Nina Raj Elena Tomasz Jade Luis Aisha Hiro Sophie Kwame Ella Marco Nia Jake
Olga Ahmed Clara Yara Theo Felix Laila Ivan Rebecca Eva Kenji Joanna Gemma Harriet Poppy Dev Tasha Gus Ana Stefan
Rosie Will Chloe Marta Aled`.split(/\s+/);
const CITIES =
  `Leeds Lisbon Naples Valencia Toronto Paris Glasgow Beirut Bristol Manchester Melbourne Brighton Porto Tokyo
Edinburgh Berlin Madrid Dublin Cardiff York Oslo Krakow Seville Lyon Bruges Vienna Prague Athens`.split(
    /\s+/,
  );
const DAYS = 'Monday Tuesday Wednesday Thursday Friday Saturday Sunday'.split(' ');
const MONTHS = 'January February March April May June July August September October November December'.split(
  ' ',
);
const MEALS = ['breakfast', 'lunch', 'dinner', 'coffee', 'drinks', 'brunch'];
const DOCS = [
  'slides',
  'budget sheet',
  'proposal',
  'contract draft',
  'timeline',
  'risk log',
  'status update',
  'invoice',
  'brief',
  'meeting notes',
];
const PROJECTS = [
  'Falcon',
  'Heron',
  'Osprey',
  'Kestrel',
  'Wren',
  'Lark',
  'Puffin',
  'Swift',
  'Magpie',
  'Robin',
  'Finch',
  'Plover',
];
const ITEMS =
  `batteries milk bread eggs bin bags light switch covers tape glue candles sponges stamps envelopes
printer paper coffee filters dog treats bird seed washing powder toothpaste sunscreen plasters rice lentils olive oil
tinned tomatoes oat milk cat litter compost seeds string`
    .split('\n')
    .join(' ')
    .split(' ');
const SHOPS = [
  'Tesco',
  'Lidl',
  'the market',
  'the corner shop',
  'Boots',
  'the hardware store',
  'Aldi',
  'the garden centre',
  'Waitrose',
  'the pet shop',
];
const FILMS = [
  'Paddington 2',
  'Arrival',
  'Amelie',
  'Spirited Away',
  'The Lives of Others',
  'Past Lives',
  'Hot Fuzz',
  'Moonlight',
  'Roma',
  'Parasite',
  'Aftersun',
  'Dune',
];
const BOOKS = [
  'Middlemarch',
  'Piranesi',
  'The Overstory',
  'Circe',
  'Stoner',
  'Klara and the Sun',
  'Normal People',
  'Shuggie Bain',
  'The Remains of the Day',
  'Wolf Hall',
];
const ROOMS = [
  'kitchen',
  'hallway',
  'bathroom',
  'spare room',
  'garage',
  'landing',
  'living room',
  'utility room',
  'porch',
  'study',
];
const RELATIVES = [
  'brother',
  'sister',
  'mother',
  'father',
  'cousin',
  'aunt',
  'uncle',
  'grandmother',
  'nephew',
  'niece',
];
const EVENTS = [
  'quiz night',
  'book launch',
  'charity walk',
  'school fair',
  'open day',
  'leaving do',
  'jazz night',
  'craft market',
  'film screening',
  'bake sale',
  'pub lunch',
  'street market',
];
const FOODS = [
  'sushi',
  'olives',
  'mushrooms',
  'spicy curry',
  'blue cheese',
  'anchovies',
  'dark chocolate',
  'pickles',
  'fresh figs',
  'lamb',
  'tofu',
  'porridge',
  'pancakes',
  'falafel',
];
const TOPICS = [
  'the gutter repair',
  'the party invitations',
  'the car share',
  'the fence paint',
  'the broken gate',
  'the carpool',
  'the school run',
  'the quiz team',
  'the football tickets',
  'the boat trip',
];
const APPTS = [
  'dentist',
  'hairdresser',
  'optician',
  'GP surgery',
  'physio',
  'vet',
  'bank',
  'test centre',
  'mortgage adviser',
  'passport office',
];
const TIMES = ['9am', '10:30', 'noon', '2pm', '3:15', '4pm', '5:30', '6pm', '7:45', '8am'];
const APPLIANCES = [
  'fridge',
  'washing machine',
  'boiler',
  'extractor fan',
  'tumble dryer',
  'oven',
  'kettle',
  'hoover',
  'toaster',
  'radiator',
];
const SKILLS = [
  'pottery',
  'salsa',
  'Italian',
  'woodwork',
  'knitting',
  'sailing',
  'climbing',
  'the ukulele',
  'photography',
  'bread making',
];
const CONTAINERS = ['box', 'drawer', 'basket', 'tin', 'cupboard', 'bag'];
const THINGS = [
  'scissors',
  'sellotape',
  'torch',
  'measuring tape',
  'sewing kit',
  'allen keys',
  'picnic blanket',
  'board games',
  'jump leads',
  'hot water bottle',
];
const VEHICLES = ['van', 'car', 'motorbike', 'scooter', 'bike'];
const REPAIRS = [
  'a new clutch',
  'brake pads',
  'an oil change',
  'a puncture',
  'a new exhaust',
  'a service',
  'a wing mirror',
];
const RESTAURANTS = [
  'the Thai place',
  'Nando\u2019s',
  'the Greek taverna',
  'the noodle bar',
  'the Lebanese grill',
  'the pizzeria',
  'the Indian on High Street',
];

const TEMPLATES: ((p: <T>(xs: T[]) => T) => string)[] = [
  (p) => `${p(NAMES)} is meeting ${p(NAMES)} for ${p(MEALS)} on ${p(DAYS)}`,
  (p) => `${p(NAMES)} sent the ${p(DOCS)} for ${p(PROJECTS)} on ${p(DAYS)}`,
  (p) => `Remember to buy ${p(ITEMS)} at ${p(SHOPS)}`,
  (p) => `${p(NAMES)} recommended the film ${p(FILMS)}`,
  (p) => `The ${p(ROOMS)} light went on ${p(DAYS)}`,
  (p) => `${p(NAMES)}'s ${p(RELATIVES)} is visiting ${p(CITIES)} in ${p(MONTHS)}`,
  (p) => `I paid ${5 + Math.floor(p([...Array(90).keys()]))} pounds for ${p(ITEMS)} at ${p(SHOPS)}`,
  (p) => `${p(NAMES)} asked about the ${p(DOCS)} for the ${p(EVENTS)}`,
  (p) => `Call ${p(NAMES)} about ${p(TOPICS)} before ${p(DAYS)}`,
  (p) => `${p(NAMES)} finished reading ${p(BOOKS)}`,
  (p) => `The ${p(EVENTS)} was moved to ${p(MONTHS)}`,
  (p) => `${p(NAMES)} likes ${p(FOODS)} but not ${p(FOODS)}`,
  (p) => `${p(NAMES)} went to the ${p(EVENTS)} in ${p(CITIES)} last ${p(MONTHS)}`,
  (p) => `The ${p(THINGS)} are in the ${p(CONTAINERS)} in the ${p(ROOMS)}`,
  (p) => `${p(NAMES)} is on holiday in ${p(CITIES)} until ${p(DAYS)}`,
  (p) => `${p(NAMES)} needs the ${p(DOCS)} signed by ${p(DAYS)}`,
  (p) => `${p(NAMES)} counted the ${p(ITEMS)} stock in ${p(MONTHS)}`,
  (p) => `${p(NAMES)}'s ${p(VEHICLES)} is at the garage for ${p(REPAIRS)}`,
  (p) => `The ${p(PROJECTS)} team lunch is at ${p(RESTAURANTS)}`,
  (p) => `${p(NAMES)} says the ${p(APPLIANCES)} in the ${p(ROOMS)} is making a noise`,
  (p) => `It rained all ${p(DAYS)} in ${p(CITIES)}`,
  (p) => `${p(NAMES)} has an appointment at the ${p(APPTS)} on ${p(DAYS)} at ${p(TIMES)}`,
  (p) => `${p(NAMES)} will bring ${p(FOODS)} to the ${p(EVENTS)}`,
  (p) => `${p(NAMES)} wants to learn ${p(SKILLS)}`,
  (p) => `The ${p(PROJECTS)} ${p(DOCS)} are in the shared folder`,
  (p) => `${p(NAMES)} borrowed the ${p(THINGS)} from ${p(NAMES)}`,
  (p) => `${p(NAMES)} and ${p(NAMES)} are carpooling to ${p(CITIES)} on ${p(DAYS)}`,
  (p) => `The ${p(APPLIANCES)} was delivered on ${p(DAYS)}`,
];

/** A small seeded generator (mulberry32), so the set is identical on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` distinct filler memories. */
export function fillers(count: number, seed: number): string[] {
  const next = random(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(next() * xs.length)];
  const out = new Set<string>();
  while (out.size < count) out.add(pick(TEMPLATES)(pick));
  return [...out];
}
