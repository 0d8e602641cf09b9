/**
 * "make a file hello.py that prints hello": a new source file that is asked to print something
 * is the program that prints it, in the language its extension names, never an empty file or
 * a file holding the words. Only a file of a known language and only the verbs of output
 * (prints, echoes, outputs, displays, logs, writes out); "notes.txt that says hello" stays text.
 *
 * @example
 * program('hello.py', 'make a file hello.py that prints hello');  // 'print("hello")\n'
 */
import { basename, extname } from 'node:path';

const PRINTS =
  /\b(?:that|which|to|and|it)\s+(?:just\s+|simply\s+)?(?:prints?|echo(?:es)?|outputs?|displays?|logs?|writes? out|says)\s+(?:out\s+)?(.+?)\s*[.!]?$/i;

/** A string literal in double quotes, escaped as C-like languages read it. */
const dq = (text: string) => JSON.stringify(text);
/** A shell word in single quotes. */
const sq = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

const TEMPLATES: Record<string, (text: string, name: string) => string> = {
  py: (t) => `print(${dq(t)})\n`,
  js: (t) => `console.log(${dq(t)});\n`,
  mjs: (t) => `console.log(${dq(t)});\n`,
  cjs: (t) => `console.log(${dq(t)});\n`,
  ts: (t) => `console.log(${dq(t)});\n`,
  sh: (t) => `#!/bin/sh\necho ${sq(t)}\n`,
  bash: (t) => `#!/usr/bin/env bash\necho ${sq(t)}\n`,
  zsh: (t) => `#!/usr/bin/env zsh\necho ${sq(t)}\n`,
  rb: (t) => `puts ${dq(t)}\n`,
  pl: (t) => `print ${dq(`${t}\n`)};\n`,
  php: (t) => `<?php\necho ${dq(`${t}\n`)};\n`,
  lua: (t) => `print(${dq(t)})\n`,
  r: (t) => `cat(${dq(`${t}\n`)})\n`,
  go: (t) => `package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println(${dq(t)})\n}\n`,
  rs: (t) => `fn main() {\n    println!(${dq(t).replace(/[{}]/g, '$&$&')});\n}\n`,
  c: (t) => `#include <stdio.h>\n\nint main(void) {\n    puts(${dq(t)});\n    return 0;\n}\n`,
  cpp: (t) =>
    `#include <iostream>\n\nint main() {\n    std::cout << ${dq(t)} << std::endl;\n    return 0;\n}\n`,
  java: (t, name) =>
    `public class ${name} {\n    public static void main(String[] args) {\n        System.out.println(${dq(t)});\n    }\n}\n`,
  kt: (t) => `fun main() {\n    println(${dq(t)})\n}\n`,
  swift: (t) => `print(${dq(t)})\n`,
};

/** What is printed, as typed: quoted, or the words after "prints", without a trailing place. */
function printed(raw: string): string | undefined {
  const m = PRINTS.exec(raw);
  if (!m) return undefined;
  const said = m[1].trim();
  const q = /^(["'`“‘])(.*)(["'`”’])$/.exec(said);
  if (q) return q[2];
  // "... that prints hello world called hi.py": the name said after is the file's, not printed
  return said
    .replace(/\s+(?:called|named)\s+[\w.-]+\.[a-z0-9]+$/i, '')
    .replace(
      /\s+(?:in|inside|into|under)\s+(?:the\s+|my\s+)?[\w.~/-]+(?:\s+(?:folder|directory|dir))?$/i,
      '',
    );
}

/** The source of a program at `path` that prints what the request says, or undefined. */
export function program(path: string, raw: string): string | undefined {
  const ext = extname(path).slice(1).toLowerCase();
  const template = TEMPLATES[ext];
  if (!template) return undefined;
  const text = printed(raw);
  if (text === undefined || text === '') return undefined;
  return template(text, basename(path, extname(path)).replace(/\W/g, '_'));
}
