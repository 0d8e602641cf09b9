/**
 * The evaluation's handlers: thirteen services of the kind an agent OS runs, each registered
 * the way a real one would (a description, a few example phrases, tags, its payload's schema).
 * The labelled messages (./dev.ts, ./heldout.ts) were written apart from these examples.
 */
import type { Registration } from '../router.ts';

const textPayload = { type: 'object', properties: { text: { type: 'string' } } } as const;

export const HANDLERS: readonly Registration[] = [
  {
    handler: 'calendar',
    intent: 'calendar',
    description: 'Manage the calendar: schedule, move or cancel meetings and events, check availability',
    examples: [
      'schedule a meeting with Sam on Monday at 10',
      'what do I have on Wednesday',
      "cancel my 3 o'clock",
      'reschedule the standup to 9:30',
    ],
    tags: ['calendar', 'meeting', 'event', 'schedule', 'appointment'],
    schema: { type: 'object', properties: { title: { type: 'string' }, start: { type: 'string' } } },
  },
  {
    handler: 'email',
    intent: 'email',
    description: 'Read, write, reply to and forward email messages',
    examples: [
      'send an email to Maria about the budget',
      'reply to the last message from my boss',
      'do I have unread emails',
      'show me messages from the bank',
    ],
    tags: ['email', 'mail', 'inbox', 'message'],
    schema: {
      type: 'object',
      properties: { to: { type: 'string' }, subject: { type: 'string' }, body: { type: 'string' } },
    },
  },
  {
    handler: 'files',
    intent: 'file-search',
    description: 'Search the file system for files and folders by name, type, date or content',
    examples: [
      'find my resume',
      'search for photos from the holiday',
      'where are the slides for the conference talk',
      'list pdf documents modified this week',
    ],
    tags: ['file', 'folder', 'document', 'search', 'find'],
    schema: textPayload,
  },
  {
    handler: 'weather',
    intent: 'weather',
    description: 'Weather forecasts and current conditions: temperature, rain, wind, snow',
    examples: [
      'will it rain tomorrow',
      'weather in Paris this weekend',
      'how hot is it going to be on Saturday',
    ],
    tags: ['weather', 'forecast', 'rain', 'temperature'],
    schema: { type: 'object', properties: { place: { type: 'string' }, day: { type: 'string' } } },
  },
  {
    handler: 'translate',
    intent: 'translate',
    description: 'Translate text between languages',
    examples: [
      'translate this sentence into French',
      'what is "thank you" in Korean',
      'how would a Portuguese speaker say where is the bathroom',
    ],
    tags: ['translate', 'language', 'translation'],
    schema: {
      type: 'object',
      properties: { text: { type: 'string' }, to: { type: 'string' } },
      required: ['text', 'to'],
    },
  },
  {
    handler: 'summarise',
    intent: 'summarise',
    description: 'Summarise long text, documents, articles or conversations into a short version',
    examples: [
      'summarize this document',
      'give me a short summary of the email chain',
      'what are the key takeaways of this paper',
    ],
    tags: ['summary', 'summarise', 'summarize', 'tldr', 'digest'],
    schema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
  },
  {
    handler: 'code',
    intent: 'run-code',
    description: 'Run code and scripts in a sandbox and report the output or errors',
    examples: [
      'run this code',
      'execute the bash script',
      'what does this function print when I run it',
      'test my program',
    ],
    tags: ['code', 'run', 'execute', 'script', 'program'],
    schema: {
      type: 'object',
      properties: { language: { type: 'string' }, source: { type: 'string' } },
      required: ['source'],
    },
  },
  {
    handler: 'reminders',
    intent: 'reminders',
    description: 'Set reminders and to-dos that alert me at a given time',
    examples: [
      'remind me to buy milk',
      'set a reminder for the meeting prep at 8am',
      'alert me in an hour to check the oven',
      'add to my to-do list: book flights',
    ],
    tags: ['reminder', 'todo', 'alert', 'remember'],
    schema: { type: 'object', properties: { what: { type: 'string' }, when: { type: 'string' } } },
  },
  {
    handler: 'payments',
    intent: 'payments',
    description: 'Send money, pay bills, transfer between accounts and check balances',
    examples: [
      'pay Alex 25 dollars',
      'what is my bank balance',
      'pay my credit card bill',
      'move 100 pounds from checking to savings',
    ],
    tags: ['payment', 'money', 'bank', 'pay', 'transfer'],
    schema: {
      type: 'object',
      properties: { to: { type: 'string' }, amount: { type: 'number' }, currency: { type: 'string' } },
    },
  },
  {
    handler: 'music',
    intent: 'music',
    description: 'Play, pause and skip music, songs, albums, artists and playlists; change the volume',
    examples: [
      'play some classical music',
      'pause the music',
      'next track',
      'play songs by the Beatles',
      'louder please',
    ],
    tags: ['music', 'song', 'playlist', 'play', 'album'],
    schema: textPayload,
  },
  {
    handler: 'news',
    intent: 'news',
    description: 'News headlines and stories on current events, politics, business, sports and technology',
    examples: ["today's top news", 'what is new in politics', 'sports headlines', 'show me business news'],
    tags: ['news', 'headlines', 'current events'],
    schema: textPayload,
  },
  {
    handler: 'home',
    intent: 'smart-home',
    description: 'Control smart home devices: lights, heating, thermostat, locks, doors, plugs and blinds',
    examples: [
      'turn on the bedroom lights',
      'make it warmer in here',
      'close the blinds',
      'is the back door locked',
    ],
    tags: ['home', 'lights', 'thermostat', 'lock', 'device'],
    schema: { type: 'object', properties: { device: { type: 'string' }, action: { type: 'string' } } },
  },
  {
    handler: 'directions',
    intent: 'directions',
    description:
      'Directions, routes, travel time and navigation by car, on foot, by bike or public transport',
    examples: [
      'directions to the museum',
      'how far is it to Manchester by car',
      'take me to the closest petrol station',
      'which bus goes to the university',
    ],
    tags: ['directions', 'route', 'map', 'navigation', 'travel'],
    schema: { type: 'object', properties: { to: { type: 'string' }, mode: { type: 'string' } } },
  },
];
