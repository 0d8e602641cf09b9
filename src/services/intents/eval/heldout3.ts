/**
 * A third held-out set, written before the router's second round of tuning (issue 21) and
 * committed with the score the router had then. Phrased the way agents and people write
 * requests: terse commands, long polite ones, typos, verbs the handlers' examples never use,
 * and requests no handler covers. Never read while tuning: only its score is printed.
 */
import type { Labelled } from './labelled.ts';

export const HELDOUT3: readonly Labelled[] = [
  // calendar
  { text: 'block out thursday morning for deep work', handler: 'calendar' },
  { text: 'push my 4pm call back by half an hour', handler: 'calendar' },
  { text: 'calender for next week?', handler: 'calendar' },
  { text: 'set up a sync with the marketing folks on the 14th', handler: 'calendar' },
  { text: 'do i have anything booked on the morning of the 2nd', handler: 'calendar' },
  {
    text: 'could you please check whether there is room in my agenda on tuesday for a one hour interview',
    handler: 'calendar',
  },
  // email
  { text: 'shoot an email to the landlord about the boiler', handler: 'email' },
  { text: 'unread mail?', handler: 'email' },
  { text: 'what did the accountant write back', handler: 'email' },
  { text: 'draft a reply to the conference organisers declining politely', handler: 'email' },
  { text: 'forward the flight confirmation email to my wife', handler: 'email' },
  { text: 'check my inbox for anything from the school', handler: 'email' },
  // files
  { text: 'locate the spreadsheet with the 2022 tax numbers', handler: 'files' },
  { text: 'wheres my passport scan', handler: 'files' },
  { text: 'list every mp4 in the videos directory', handler: 'files' },
  { text: 'grep my documents for the word warranty', handler: 'files' },
  { text: 'which files did i change today', handler: 'files' },
  {
    text: 'i saved a word document about the wedding speech somewhere and cannot remember where, can you dig it up',
    handler: 'files',
  },
  // weather
  { text: 'umbrella tomorrow?', handler: 'weather' },
  { text: 'how cold will it get tonight in berlin', handler: 'weather' },
  { text: 'is there a storm coming this week', handler: 'weather' },
  { text: 'wether for the weekend in rome', handler: 'weather' },
  { text: 'what should i expect outside this afternoon, sunny or cloudy', handler: 'weather' },
  { text: 'chance of snow on the ski trip in the alps friday', handler: 'weather' },
  // translate
  { text: 'how do you say good morning in japanese', handler: 'translate' },
  { text: 'put this paragraph into spanish', handler: 'translate' },
  { text: 'what does "danke schön" mean', handler: 'translate' },
  { text: 'translat the menu to english', handler: 'translate' },
  { text: 'i need the german version of this letter', handler: 'translate' },
  { text: 'render these instructions in italian for the nanny', handler: 'translate' },
  // summarise
  { text: 'tl;dr of this thread please', handler: 'summarise' },
  { text: 'boil this report down to three bullet points', handler: 'summarise' },
  { text: 'condense the meeting transcript', handler: 'summarise' },
  { text: 'give me the gist of this article', handler: 'summarise' },
  { text: 'sumarise the attached paper in one paragraph', handler: 'summarise' },
  { text: 'what are the main points of this long chat', handler: 'summarise' },
  // code
  { text: 'execute main.py and show me what it prints', handler: 'code' },
  { text: 'run the unit tests', handler: 'code' },
  { text: 'why does this snippet throw an exception when i run it', handler: 'code' },
  { text: 'evaluate this javascript expression', handler: 'code' },
  { text: 'compile and run my rust program', handler: 'code' },
  { text: 'try this sql query in the sandbox', handler: 'code' },
  // reminders
  { text: 'ping me at 5 to call the dentist', handler: 'reminders' },
  { text: 'dont let me forget the parcel pickup on friday', handler: 'reminders' },
  { text: 'remnd me to water the plants tomorrow', handler: 'reminders' },
  { text: 'add renew passport to my todo list', handler: 'reminders' },
  { text: 'nudge me in 20 minutes to take the laundry out', handler: 'reminders' },
  { text: 'every monday morning remind me to submit my timesheet', handler: 'reminders' },
  // payments
  { text: 'send 40 euros to tom for the concert tickets', handler: 'payments' },
  { text: 'how much money is left in my account', handler: 'payments' },
  { text: 'settle the electricity bill', handler: 'payments' },
  { text: 'wire 500 to my savings', handler: 'payments' },
  { text: 'refund check: did the payment to the airline go through', handler: 'payments' },
  { text: 'split the dinner bill with jake and request his half', handler: 'payments' },
  // music
  { text: 'put on some jazz', handler: 'music' },
  { text: 'skip this song', handler: 'music' },
  { text: 'turn the music down a bit', handler: 'music' },
  { text: 'shuffle my workout playlist', handler: 'music' },
  { text: 'play the new taylor swift album', handler: 'music' },
  { text: 'who sings this track', handler: 'music' },
  // news
  { text: 'latest headlines', handler: 'news' },
  { text: 'what happened in the election overnight', handler: 'news' },
  { text: 'any tech news today', handler: 'news' },
  { text: 'brief me on what is going on in the world', handler: 'news' },
  { text: 'football results and sports stories from the weekend', handler: 'news' },
  { text: 'nwes about the stock market', handler: 'news' },
  // smart home
  { text: 'lights off in the kitchen', handler: 'home' },
  { text: 'set the thermostat to 21', handler: 'home' },
  { text: 'lock the front door', handler: 'home' },
  { text: 'dim the living room to 30 percent', handler: 'home' },
  { text: 'is the garage open', handler: 'home' },
  { text: 'switch off the heating when i leave', handler: 'home' },
  // directions
  { text: 'how do i get to the airport from here', handler: 'directions' },
  { text: 'fastest way to the station on foot', handler: 'directions' },
  { text: 'navigate home avoiding the motorway', handler: 'directions' },
  { text: 'how long does it take to cycle to the office', handler: 'directions' },
  { text: 'nearest pharmacy and how to get there', handler: 'directions' },
  { text: 'which train do i take to get to brighton', handler: 'directions' },
  // nobody
  { text: 'how many calories are in a banana', handler: null },
  { text: 'tell me a joke', handler: null },
  { text: 'what is the square root of 144', handler: null },
  { text: 'recipe for banana bread', handler: null },
  { text: 'who wrote pride and prejudice', handler: null },
  { text: 'order a large pepperoni pizza', handler: null },
  { text: 'book me a hotel in lisbon for two nights', handler: null },
  { text: 'what is the capital of australia', handler: null },
  { text: 'write a poem about autumn', handler: null },
  { text: 'my knee hurts after running, what should i do', handler: null },
  { text: 'recommend a good sci-fi novel', handler: null },
  { text: 'buy a new phone charger on amazon', handler: null },
];
