/**
 * A process named the ways people name one, rewritten into the words the process rules read:
 * a pid said as "process id 4242", "process number 4242", "the process with id 4242", "the
 * process whose pid is 4242", "pid #4242" becomes "process 4242"; a program's pid said with a
 * possessive ("pollerd's pid") or by what owns it ("which pids belong to pollerd", "what pid
 * does pollerd run as") becomes "pid of pollerd". Applied to the normalised text.
 *
 * @example
 * pidPhrases('terminate process id 4242');     // 'terminate process 4242'
 * pidPhrases("what is pollerd's pid");         // 'what is pid of pollerd'
 */

const PID_WORDS = '(?:pid|process\\s+id|process\\s+number|process\\s+no\\.?|id|number|no\\.?)';

const REWRITES: [RegExp, string][] = [
  // "proc 4242", "procs": the abbreviation
  [/\bprocs?\b(?=\s+#?\d|\s+(?:id|number|no)\b)/gi, 'process'],
  // "the process with id 4242", "the process whose pid is 4242", "the process that has pid 4242"
  [
    new RegExp(
      `\\b(?:the\\s+)?process\\s+(?:with\\s+(?:the\\s+)?|whose\\s+|that\\s+has\\s+(?:the\\s+)?|having\\s+(?:the\\s+)?)${PID_WORDS}\\s+(?:is\\s+|of\\s+)?#?(\\d{1,7})\\b`,
      'gi',
    ),
    'process $1',
  ],
  // "process id 4242", "process number 4242", "process no. 4242", "pid #4242", "process #4242"
  [/\bprocess\s+(?:id|number|no\.?|nr\.?)\s*#?\s*(\d{1,7})\b/gi, 'process $1'],
  [/\b(pid|process)\s+#\s*(\d{1,7})\b/gi, '$1 $2'],
  [/\b(pid|process)\s+#(\d{1,7})\b/gi, '$1 $2'],
  // "pollerd's pid", "sleepd's process ids": the pid of that program
  [/\b([a-z][\w.-]*)'s\s+(?:pids?|process\s+ids?|process\s+numbers?)\b/gi, 'pid of $1'],
  // "the pid for pollerd", "pids owned by mailsyncd", "the process ids belonging to x"
  [
    /\b(?:pids?|process\s+ids?)\s+(?:for|owned\s+by|belonging\s+to|used\s+by|taken\s+by|of)\s+(?:the\s+)?(?!process\b)([a-z][\w.-]*)\b/gi,
    'pid of $1',
  ],
  // "which pids belong to pollerd", "what pid does pollerd run as", "the pids pollerd runs under"
  [
    /\b(?:which|what)\s+(?:pids?|process\s+ids?)\s+(?:belong|belongs|are|is)\s+(?:to|for)\s+([a-z][\w.-]*)\b/gi,
    'what is the pid of $1',
  ],
  [
    /\b(?:which|what)\s+(?:pids?|process\s+ids?)\s+(?:does|do|is|are)\s+([a-z][\w.-]*)\s+(?:run(?:ning)?\s+(?:as|under|with|on)|running|got|have|has)\b/gi,
    'what is the pid of $1',
  ],
];

/** `text` with each way of naming a process said as the process rules read it. */
export function pidPhrases(text: string): string {
  let s = text;
  for (const [re, to] of REWRITES) s = s.replace(re, to);
  return s;
}
