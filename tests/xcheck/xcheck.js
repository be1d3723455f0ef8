#!/usr/bin/env node
// External cross-check of somepost's X weighted length (issue 10, item 4).
//
//   node tests/xcheck/xcheck.js TEXTS.jsonl LENGTHS.txt
//
// TEXTS.jsonl: one JSON string per line (a post text). LENGTHS.txt: per line, the X
// weighted length somepost computed for the text on the same line. For each text:
//   (a) twitter-text@3.1.0 parseTweet(text).weightedLength, unchanged;
//   (b) the documented somepost rule (docs/platforms.md §1): the same parseTweet code, with
//       one change: emoji entities are the longest match, at each scan position, of the
//       union of twemoji-parser 11.0.2's regex and the RGI Emoji 17.0 sequences (V8's
//       /\p{RGI_Emoji}/v; Node's ICU must be at Unicode 17). Done by swapping
//       require('twemoji-parser').parse, which parseTweet looks up at each call.
// A length equal to (b) is accepted (counted apart when it differs from (a)); a length
// different from (b) is "unexplained". Exit 0 when nothing is unexplained, 1 otherwise,
// 2 on usage, input or set-up errors.
'use strict';

const fs = require('fs');
const path = require('path');

const MAX_PRINTED = 20;

function fail(message) {
  process.stderr.write(`xcheck: error: ${message}\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
if (args.length !== 2 || args.some((a) => a.startsWith('-'))) {
  process.stderr.write('usage: node xcheck.js TEXTS.jsonl LENGTHS.txt\n');
  fail(args.length !== 2 ? 'expected two arguments' : `unknown option ${args.find((a) => a.startsWith('-'))}`);
}

// --- set-up: the pinned packages and Node's Unicode version -------------------------------
let twitterText, twemoji, twemojiRegex;
try {
  twitterText = require('twitter-text');
  twemoji = require('twemoji-parser');
  twemojiRegex = require('twemoji-parser/dist/lib/regex').default;
} catch (e) {
  fail(`cannot load twitter-text/twemoji-parser (run npm ci in ${__dirname}): ${e.message}`);
}
for (const [name, want] of [['twitter-text', '3.1.0'], ['twemoji-parser', '11.0.2']]) {
  const got = require(`${name}/package.json`).version;
  if (got !== want) fail(`${name} is ${got}, expected ${want} (run npm ci in ${__dirname})`);
}
const unicode = process.versions.unicode || '';
const unicodeMajor = parseInt(unicode, 10);
if (!(unicodeMajor >= 17)) {
  fail(`Node's Unicode is ${unicode || 'unknown'} (ICU ${process.versions.icu}); RGI Emoji 17.0 needs Unicode 17`);
}
if (unicodeMajor > 17) {
  process.stderr.write(`xcheck: note: Node's Unicode is ${unicode}; \\p{RGI_Emoji} may hold sequences newer than Emoji 17.0\n`);
}
let rgiAt, rgiCandidate;
try {
  // Sticky: the longest RGI Emoji sequence starting at lastIndex (a class of strings tries
  // longer strings first).
  rgiAt = new RegExp('\\p{RGI_Emoji}', 'yv');
  // Where an RGI sequence may start (UTS #51: every one begins with an Emoji=Yes code point;
  // a digit, # or * only as a keycap, followed by U+FE0F or U+20E3). A global search for
  // \p{RGI_Emoji} itself is ~50x slower in V8 than this prefilter plus sticky tries.
  rgiCandidate = new RegExp('[\\p{Emoji}--[0-9#*]]|[0-9#*](?=[\\uFE0F\\u20E3])', 'gv');
} catch (e) {
  fail(`this Node has no /\\p{RGI_Emoji}/v (${e.message})`);
}
const twemojiAny = new RegExp(twemojiRegex.source, 'g');
const originalParse = twemoji.parse;

// --- the patched emoji parser ------------------------------------------------------------
let patchWidened = false; // set when the patch chose a match the original scan would not

function isTrailInPair(text, pos) {
  if (pos <= 0 || pos >= text.length) return false;
  const c = text.charCodeAt(pos);
  const p = text.charCodeAt(pos - 1);
  return c >= 0xdc00 && c <= 0xdfff && p >= 0xd800 && p <= 0xdbff;
}

// The next twemoji match and the next RGI Emoji sequence at or after pos: start (Infinity
// when none) in twStart/rgiStart, length in twLen/rgiLen. twemoji's global search returns the
// leftmost start and there the same match a sticky search at that start would give, as in
// twemoji-parser's own loop.
let twStart = 0, twLen = 0, rgiStart = 0, rgiLen = 0;

function nextTwemoji(text, pos) {
  twemojiAny.lastIndex = pos;
  const m = pos < text.length ? twemojiAny.exec(text) : null;
  twStart = m ? m.index : Infinity;
  twLen = m ? m[0].length : 0;
}

// An RGI sequence never starts on a trail surrogate; skipping it keeps V8 from stepping
// back into the pair in /v mode.
function nextRgi(text, pos) {
  if (isTrailInPair(text, pos)) ++pos;
  const n = text.length;
  while (pos < n) {
    rgiCandidate.lastIndex = pos;
    const c = rgiCandidate.exec(text);
    if (!c) break;
    rgiAt.lastIndex = c.index;
    const m = rgiAt.exec(text);
    if (m) {
      rgiStart = c.index;
      rgiLen = m[0].length;
      return;
    }
    pos = rgiCandidate.lastIndex; // after the candidate code point
  }
  rgiStart = Infinity;
  rgiLen = 0;
}

// Scans left to right like twemoji-parser's parse; at each position takes the longer of
// twemoji's match starting there and the longest RGI Emoji sequence starting there; where
// neither matches, moves on one UTF-16 unit. Entities as parseTweet needs them.
function patchedParse(text) {
  const entities = [];
  const n = text.length;
  let pos = 0;
  nextTwemoji(text, 0);
  nextRgi(text, 0);
  while (pos < n) {
    if (twStart < pos) nextTwemoji(text, pos); // a candidate swallowed by the last match
    if (rgiStart < pos) nextRgi(text, pos);
    const start = twStart < rgiStart ? twStart : rgiStart;
    if (start === Infinity) break;
    const tl = twStart === start ? twLen : 0;
    const rl = rgiStart === start ? rgiLen : 0;
    const len = tl > rl ? tl : rl;
    if (len === 0) { // an empty match: cannot happen with these regexes; move on
      pos = start + 1;
      continue;
    }
    if (rl > tl) patchWidened = true;
    entities.push({ text: text.substr(start, len), indices: [start, start + len], type: 'emoji' });
    pos = start + len;
  }
  return entities;
}

// (a) and (b) for one text. The patched scan differs from the original only where it took
// a longer RGI match; when it did not, (a) = (b) and parseTweet runs once.
function lengths(text) {
  patchWidened = false;
  twemoji.parse = patchedParse;
  const b = twitterText.parseTweet(text).weightedLength;
  if (!patchWidened) return [b, b];
  twemoji.parse = originalParse;
  const a = twitterText.parseTweet(text).weightedLength;
  return [a, b];
}

// Start-up check that the swap reaches parseTweet and that \p{RGI_Emoji} matches longest.
{
  const probes = [
    ['\u{1F9D1}\u200d\u{1F384}', 5, 2], // 🧑‍🎄 (Emoji 13): not in twemoji 11
    ['\u{1F3F3}\ufe0f\u200d\u26a7\ufe0f', 7, 2], // 🏳️‍⚧️
    ['\u{1F468}\u200d\u{1F469}\u200d\u{1F467}\u200d\u{1F466}', 2, 2], // 👨‍👩‍👧‍👦
    ['\u2b50\ufe0f', 2, 2], // ⭐️: twemoji's match is the longer one
    ['#\ufe0f\u20e3', 2, 2],
  ];
  for (const [text, wantA, wantB] of probes) {
    const [a, b] = lengths(text);
    twemoji.parse = originalParse;
    const plain = twitterText.parseTweet(text).weightedLength;
    if (a !== wantA || b !== wantB || plain !== wantA) {
      fail(`self-check failed on ${JSON.stringify(text)}: parseTweet=${plain}, (a)=${a}, (b)=${b}, expected ${wantA}/${wantB}`);
    }
  }
}

// --- input --------------------------------------------------------------------------------
function readLines(file) {
  let data;
  try {
    data = fs.readFileSync(file, 'utf8');
  } catch (e) {
    fail(`cannot read ${file}: ${e.code || e.message}`);
  }
  const lines = data.split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const [textsFile, lengthsFile] = args;
const textLines = readLines(textsFile);
const lengthLines = readLines(lengthsFile);
if (textLines.length !== lengthLines.length) {
  fail(`${path.basename(textsFile)} has ${textLines.length} lines but ${path.basename(lengthsFile)} has ${lengthLines.length}`);
}

// --- compare ------------------------------------------------------------------------------
let sameAsParseTweet = 0;
let explained = 0;
const unexplained = []; // [line, text, a, b, given], first MAX_PRINTED only
let unexplainedCount = 0;

for (let i = 0; i < textLines.length; ++i) {
  let text;
  try {
    text = JSON.parse(textLines[i]);
  } catch (e) {
    fail(`${textsFile}:${i + 1}: not JSON: ${e.message}`);
  }
  if (typeof text !== 'string') fail(`${textsFile}:${i + 1}: not a JSON string`);
  const lengthText = lengthLines[i].trim();
  if (!/^-?[0-9]+$/.test(lengthText)) fail(`${lengthsFile}:${i + 1}: not an integer: ${JSON.stringify(lengthLines[i])}`);
  const given = Number(lengthText);

  const [a, b] = lengths(text);
  if (b !== given) {
    if (unexplainedCount < MAX_PRINTED) unexplained.push([i + 1, text, a, b, given]);
    ++unexplainedCount;
  } else if (a === given) {
    ++sameAsParseTweet;
  } else {
    ++explained;
  }
}
twemoji.parse = originalParse;

// --- report -------------------------------------------------------------------------------
const total = textLines.length;
const out = [];
out.push(`xcheck: ${total} texts; twitter-text 3.1.0 + twemoji-parser 11.0.2, RGI Emoji from Unicode ${unicode}`);
out.push(`xcheck: ${sameAsParseTweet} equal parseTweet`);
out.push(`xcheck: ${explained} differ from parseTweet, explained by the documented emoji rule`);
out.push(`xcheck: ${unexplainedCount} unexplained (given length != documented rule)`);
for (const [line, text, a, b, given] of unexplained) {
  out.push(`  line ${line}: ${JSON.stringify(text)} parseTweet=${a} rule=${b} given=${given}`);
}
if (unexplainedCount > unexplained.length) out.push(`  ... and ${unexplainedCount - unexplained.length} more`);
out.push(`xcheck: ${total - unexplainedCount}/${total} agree with parseTweet or the documented emoji rule`);
process.stdout.write(out.join('\n') + '\n');
process.exitCode = unexplainedCount ? 1 : 0;
