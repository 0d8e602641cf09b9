/**
 * The held-out set: messages written before the router existed, never read while tuning it.
 * Same handlers as the dev set (./handlers.ts); `null` means no handler should take it (the
 * router must refuse, not guess). Report it apart from the dev set.
 */
import type { Labelled } from './labelled.ts';

export const HELDOUT: readonly Labelled[] = [
  // calendar
  { text: 'could you block out thursday afternoon for the quarterly review', handler: 'calendar' },
  { text: 'am I busy on the 14th', handler: 'calendar' },
  { text: 'push my dentist appointment to next week', handler: 'calendar' },
  { text: 'set up a call with priya and tom friday 3pm', handler: 'calendar' },
  { text: 'whats on my agenda tomorow', handler: 'calendar' },
  // email
  { text: 'write back to the landlord saying the rent is on its way', handler: 'email' },
  { text: 'any new mail from accounting?', handler: 'email' },
  { text: 'forward the invoice message to my accountant', handler: 'email' },
  { text: 'draft an email to the team about the offsite', handler: 'email' },
  { text: 'check my inbox please', handler: 'email' },
  // files
  { text: 'where did I put the tax return pdf', handler: 'files' },
  { text: 'find every spreadsheet I edited last month', handler: 'files' },
  { text: 'locate the folder with the wedding photos', handler: 'files' },
  { text: 'look for a document called budget 2024', handler: 'files' },
  { text: 'which files mention the word kubernetes', handler: 'files' },
  // weather
  { text: 'do I need an umbrella today', handler: 'weather' },
  { text: 'how cold will it get tonight in oslo', handler: 'weather' },
  { text: 'is a storm coming this weekend', handler: 'weather' },
  { text: 'forcast for lisbon', handler: 'weather' },
  { text: "what's the temperature outside right now", handler: 'weather' },
  // translate
  { text: 'how do you say good morning in japanese', handler: 'translate' },
  { text: 'put this paragraph into german', handler: 'translate' },
  { text: 'what does "merci beaucoup" mean in english', handler: 'translate' },
  { text: 'translate the menu from italian', handler: 'translate' },
  { text: 'i need this letter in spanish', handler: 'translate' },
  // summarise
  { text: 'give me the gist of this report', handler: 'summarise' },
  { text: 'tl;dr of the meeting transcript please', handler: 'summarise' },
  { text: 'boil this article down to three bullet points', handler: 'summarise' },
  { text: 'can you condense the contract into a short overview', handler: 'summarise' },
  { text: 'sum up the main points of this thread', handler: 'summarise' },
  // code
  { text: 'run this python snippet and show me the output', handler: 'code' },
  { text: 'execute the script and tell me if it errors', handler: 'code' },
  { text: 'evaluate this javascript: [1,2,3].map(x => x * 2)', handler: 'code' },
  { text: 'compile and run my rust program', handler: 'code' },
  { text: 'try running the unit tests in a sandbox', handler: 'code' },
  // reminders
  { text: "don't let me forget to water the plants at 6", handler: 'reminders' },
  { text: 'remind me to call mum on sunday', handler: 'reminders' },
  { text: 'nudge me in 20 minutes to take the bread out', handler: 'reminders' },
  { text: 'add a reminder: renew passport before march', handler: 'reminders' },
  { text: 'ping me tomorrow morning about the parcel', handler: 'reminders' },
  // payments
  { text: 'send 40 euros to jake for the concert tickets', handler: 'payments' },
  { text: 'pay the electricity bill', handler: 'payments' },
  { text: 'transfer 200 to my savings account', handler: 'payments' },
  { text: 'how much money is left in my checking account', handler: 'payments' },
  { text: 'split the dinner bill with anna and request her half', handler: 'payments' },
  // music
  { text: 'put on some jazz', handler: 'music' },
  { text: 'skip this song', handler: 'music' },
  { text: 'play the new taylor swift album', handler: 'music' },
  { text: 'turn the music down a bit', handler: 'music' },
  { text: 'make me a playlist for running', handler: 'music' },
  // news
  { text: "what's happening in the world today", handler: 'news' },
  { text: 'latest headlines about the election', handler: 'news' },
  { text: 'any updates on the stock market crash', handler: 'news' },
  { text: 'read me the top tech stories', handler: 'news' },
  { text: 'brief me on the news this morning', handler: 'news' },
  // home
  { text: 'switch off the lights in the kitchen', handler: 'home' },
  { text: 'set the thermostat to 21 degrees', handler: 'home' },
  { text: 'lock the front door', handler: 'home' },
  { text: 'is the garage door open', handler: 'home' },
  { text: 'dim the living room lamps to 30 percent', handler: 'home' },
  // directions
  { text: 'how do I get to the train station from here', handler: 'directions' },
  { text: 'fastest route to the airport avoiding tolls', handler: 'directions' },
  { text: 'how long is the drive to bristol', handler: 'directions' },
  { text: 'walking directions to the nearest pharmacy', handler: 'directions' },
  { text: 'navigate me home', handler: 'directions' },
  // nobody's
  { text: 'write me a sonnet about the sea', handler: null },
  { text: 'how many calories are in an avocado', handler: null },
  { text: 'what is the capital of mongolia', handler: null },
  { text: 'tell me a joke about penguins', handler: null },
  { text: 'explain quantum entanglement simply', handler: null },
  { text: 'who painted the mona lisa', handler: null },
  { text: "what's a good name for a goldfish", handler: null },
  { text: 'how do I tie a bowline knot', handler: null },
  { text: 'recommend a recipe for banana bread', handler: null },
  { text: 'what year did the berlin wall fall', handler: null },
];
