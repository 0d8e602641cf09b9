/**
 * A second held-out set, written after the first one had been read once (the bench printed its
 * misses) and before any change made after that: the first can no longer claim it guided
 * nothing, so this one is the untouched measure. Never read while tuning.
 */
import type { Labelled } from './labelled.ts';

export const HELDOUT2: readonly Labelled[] = [
  // calendar
  { text: 'find thirty minutes for me and the landlord next week', handler: 'calendar' },
  { text: 'is friday evening open in my calendar', handler: 'calendar' },
  { text: 'drop the team lunch from my schedule', handler: 'calendar' },
  { text: 'book the conference room meeting for 2pm wednesday', handler: 'calendar' },
  { text: 'what meetings have I got this afternoon', handler: 'calendar' },
  // email
  { text: 'let the plumber know by email that thursday works', handler: 'email' },
  { text: 'has anyone written to me today', handler: 'email' },
  { text: 'delete the spam in my inbox', handler: 'email' },
  { text: 'send mum an email with the holiday photos attached', handler: 'email' },
  { text: 'read the last email from jenny', handler: 'email' },
  // files
  { text: 'search the drive for the signed nda', handler: 'files' },
  { text: "i can't find my notes from the lecture", handler: 'files' },
  { text: 'which documents did i open yesterday', handler: 'files' },
  { text: 'find the csv export from the crm', handler: 'files' },
  { text: 'list the videos in my home folder', handler: 'files' },
  // weather
  { text: 'is it t-shirt weather today', handler: 'weather' },
  { text: 'will there be frost overnight', handler: 'weather' },
  { text: 'how humid is it in singapore', handler: 'weather' },
  { text: 'any rain expected for the match on saturday', handler: 'weather' },
  { text: 'whats the forecast', handler: 'weather' },
  // translate
  { text: 'turn "see you soon" into turkish', handler: 'translate' },
  { text: 'what language is "obrigado" and what does it mean', handler: 'translate' },
  { text: 'i need the german for "I am allergic to nuts"', handler: 'translate' },
  { text: 'translate my cover letter to french', handler: 'translate' },
  { text: 'how do the greeks say cheers', handler: 'translate' },
  // summarise
  { text: 'shrink this essay to a couple of sentences', handler: 'summarise' },
  { text: 'what is this long article actually saying', handler: 'summarise' },
  { text: 'summary of the quarterly report please', handler: 'summarise' },
  { text: 'digest the slack thread for me', handler: 'summarise' },
  { text: 'in a nutshell, what did the minutes say', handler: 'summarise' },
  // code
  { text: 'run fizzbuzz in python for me', handler: 'code' },
  { text: 'execute this regex against the sample text', handler: 'code' },
  { text: 'check whether my script throws an exception', handler: 'code' },
  { text: 'run the go program in the sandbox', handler: 'code' },
  { text: 'what does this code output', handler: 'code' },
  // reminders
  { text: 'remind me about the vet at 4', handler: 'reminders' },
  { text: 'set an alert to stretch every hour', handler: 'reminders' },
  { text: 'put renew car insurance on my to do list', handler: 'reminders' },
  { text: "make sure i don't forget my keys when i leave", handler: 'reminders' },
  { text: 'reminder tomorrow 7am: gym bag', handler: 'reminders' },
  // payments
  { text: 'pay back sam the 15 quid i owe him', handler: 'payments' },
  { text: 'settle my gas bill', handler: 'payments' },
  { text: 'what is the balance on my savings', handler: 'payments' },
  { text: 'send rent money to the landlord', handler: 'payments' },
  { text: 'top up my account with 50', handler: 'payments' },
  // music
  { text: 'play the soundtrack from interstellar', handler: 'music' },
  { text: 'mute the music', handler: 'music' },
  { text: 'repeat this track', handler: 'music' },
  { text: 'something upbeat for cooking please', handler: 'music' },
  { text: 'start my discover weekly playlist', handler: 'music' },
  // news
  { text: "what's the latest on the hurricane", handler: 'news' },
  { text: 'any big stories in science this week', handler: 'news' },
  { text: 'who won last night according to the sports pages', handler: 'news' },
  { text: 'news from japan', handler: 'news' },
  { text: 'catch me up on world events', handler: 'news' },
  // home
  { text: 'turn the heating off when i leave', handler: 'home' },
  { text: 'are the porch lights on', handler: 'home' },
  { text: 'open the curtains in the bedroom', handler: 'home' },
  { text: 'switch the coffee machine plug on', handler: 'home' },
  { text: 'make the hallway brighter', handler: 'home' },
  // directions
  { text: 'best way to the stadium by tram', handler: 'directions' },
  { text: 'how many miles to edinburgh', handler: 'directions' },
  { text: 'find me a route to the dentist that avoids the motorway', handler: 'directions' },
  { text: 'which way to the nearest atm', handler: 'directions' },
  { text: 'guide me to the parking garage', handler: 'directions' },
  // nobody's
  { text: 'what is the boiling point of water in kelvin', handler: null },
  { text: 'suggest a name for my startup', handler: null },
  { text: 'how old is the universe', handler: null },
  { text: 'write a limerick about a cat', handler: null },
  { text: 'what rhymes with orange', handler: null },
  { text: 'how do i fix a flat bicycle tyre', handler: null },
  { text: 'who invented the telephone', handler: null },
  { text: 'define photosynthesis', handler: null },
  { text: 'how many players are on a rugby team', handler: null },
  { text: 'what is the plural of octopus', handler: null },
];
