/**
 * The words of requests the offline translator knows, by role: filler that never constrains
 * what an action does (politeness, articles, pronouns), and the words its rules understand
 * (verbs, nouns, qualifiers). A word in neither is unknown: a typo of a known word is read as
 * that word (typos.ts), and an unknown word in a request that changes something makes Atlas
 * ask rather than guess (accounting.ts).
 */
import { FILE_EXTS, KIND_WORDS, NUMBER_WORDS, SIZE_UNITS, STOPWORDS, TIME_UNITS } from './lexicon.ts';

const words = (text: string) => new Set(text.split(/\s+/).filter(Boolean));

/** Words that carry no constraint: politeness, articles, pronouns, auxiliaries, glue. */
export const FILLER = words(`
  a an the this that these those my our your his her their me i we you us it its them they him
  please pls plz thanks thank thx ty u ur kindly ok okay hey hi hello atlas sure yes yeah right
  can could would will should shall may might must do does did done is are was were be been being
  am have has had having get got go going want wanna need like let lets help try just also
  quickly now then and or but so if as to of in on at for with by from into onto about over
  there here what which who whom whose how where when why while all every each any some both
  either one ones thing things stuff something anything everything whatever really actually
  very too much many more most lot lots bit little few again already still yet even only
  own same other another else such not no don dont cannot up out off away back down
  tell show give see look let's able possible mind long been end beginning start return returns ahead
`);

/** Verbs and nouns the rules act on. */
export const REQUEST_WORDS = words(`
  delete remove erase trash rm del wipe purge discard nuke destroy clear clean rid throw
  move mv relocate transfer shift put place copy cp duplicate clone backup back bring
  rename renaming name names named called call calling extension extensions prefix suffix
  change changed changes changing switch swap replace replaced substitute sed convert
  create make new touch mkdir add append write save store overwrite insert tack set
  zip unzip compress compressed archive archives tar tarball gzip gzipped gz tgz pack bundle
  extract unpack decompress untar gunzip expand
  list ls find search locate grep look looking display print view read open cat dump
  count counting number numbers total times occurrences occurrence instances instance appear
  appears mention mentions mentioning mentioned contain contains containing contained include
  includes including reference references referencing import imports importing use uses used
  using require requires define defines defined say says saying text string phrase word words
  line lines character characters chars loc content contents
  file files folder folders directory directories dir dirs subfolder subfolders subdirectory
  subdirectories tree path paths location place parent
  organise organize organised organized sort sorted sorting group tidy declutter arrange order ordered
  type types kind kinds date dates month year modified modification edited updated created
  touched accessed opened latest newest oldest recent recently last first top bottom head tail
  biggest largest smallest tiniest heaviest big bigger large larger small smaller size sizes
  older newer younger than ago old since within during past previous today yesterday
  hidden empty recursive recursively everywhere anywhere levels level below above under inside beneath nothing
  exactly only whole entire ending ends starting starts beginning begins current working home computer machine system
  disk disks space usage used free left available memory ram swap cpu cpus cores load
  uptime boot booted os kernel version versions installed install uninstall package packages
  dependency dependencies npm apt library module
  process processes pid pids kill terminate stop start restart running run execute command
  force forcefully quit close hard signal end dev development save ping check checked project
  service services daemon status git commit commits branch branches checkout stash stage
  staged diff log logs history repo repository message
  fetch download url http https get headers dns resolve lookup port ports listening network
  info information details metadata stat stats properties permissions
  duplicates identical same biggest taking eating hogging
  node nodejs python python3 ruby java go golang rustc rust cargo deno bun perl php gcc
  docker bash zsh curl wget make cmake
  variable var function method class constant identifier symbol field property setting settings
  option options key value case insensitive insensitively sensitive
  lowercase uppercase lower upper capital capitals caps letters letter space spaces blank blanks
  underscore underscores dash dashes hyphen hyphens dot dots period periods filename filenames
  so on forth etc onwards sequence sequentially numbered page pages site website local
  replacing changing swapping converting turning
  pgrep pidof pkill killall whoami
  script scripts program programs prints echo echoes output outputs logs displays sentence note simply
  chuck toss dump bin trashcan garbage rubbish recycle recycling wastebasket original originals
  stick shove throw
  committed uncommitted pending dirty hop jump sitting sits lives stored kept turn flip enable disable strip drop matching
`);

/** Verbs of destroying: a typo is read as one of these only when one edit close (typos.ts). */
export const DESTRUCTIVE_WORDS = words(`
  delete remove erase trash wipe purge discard nuke destroy clear kill terminate uninstall
  overwrite replace
`);

/** Words in `named` (rule.ts) that are part of the language of requests, never file names. */
export const COMMON = words(`
  a an the this that these those my our your me i we you please can could would will should do does did is are
  was be to of in on at for with and or it its them they all every each any some here there now then just also
  file files folder folders directory directories dir dirs what which who how where when into onto from called
  named current want like need let us show list get give tell find one ones up out about contents content thing
  things stuff by as so if not no new old delete remove erase trash rm copy move rename zip unzip compress
  extract archive read open print display view cat write save create make append add count search grep replace
  kill stop start restart run execute big bigger biggest large larger largest small smaller smallest recent
  newest oldest latest first last top bottom lines line words word characters older newer than over under days
  day weeks week months month years year hours hour minutes size sizes space disk usage memory cpu process
  processes git commit branch status log diff stash package packages install uninstall service services
  please thanks everything anything something empty duplicate duplicates same identical here home type types
  date dates kind kinds extension folder subfolders recursively only hidden back backup again tar gz into
  how many much tell me show see look check whats organize organise tidy sort put named called containing
  contain mention mentions text pattern occurrences word
`);

let all: Set<string> | undefined;

/** Every word the translator knows, including kinds of files, units and numbers. */
export function lexiconWords(): Set<string> {
  if (!all) {
    all = new Set([
      ...FILLER,
      ...REQUEST_WORDS,
      ...COMMON,
      ...STOPWORDS,
      ...Object.keys(NUMBER_WORDS),
      ...Object.keys(SIZE_UNITS),
      ...Object.keys(TIME_UNITS),
      ...FILE_EXTS,
    ]);
    for (const k of Object.keys(KIND_WORDS)) {
      all.add(k);
      all.add(`${k}s`);
    }
  }
  return all;
}

/** Whether the translator knows `word` (lowercase), as itself or as a plain plural. */
export function isKnownWord(word: string): boolean {
  const known = lexiconWords();
  return known.has(word) || (word.length > 3 && word.endsWith('s') && known.has(word.slice(0, -1)));
}
