#!/usr/bin/env node
// Node side of the `somepost count --jsonl` benchmark: twitter-text@3.1.0 parseTweet on
// the same JSONL posts (one JSON string, or {"text": ...}, per line).
//
//   node parse_tweet.js POSTS.jsonl [--mode parse|full] [--check SOMEPOST_OUTPUT.jsonl]
//
// --mode parse (default): JSON.parse + twitterText.parseTweet(text) per line.
// --mode full: JSON.parse + text.normalize('NFC') + an Intl.Segmenter grapheme count +
//   parseTweet, i.e. what somepost computes for `--platform x,mastodon,bluesky` (X's
//   weighted length; grapheme clusters for Mastodon and Bluesky), minus the Mastodon URL
//   and mention rewriting and the JSON output, which this side does not do.
// --check FILE: also compares, line by line, parseTweet's weightedLength and validity with
//   the "x" entry of somepost's output (differences caused by emoji newer than
//   twitter-text's twemoji-parser 11.0.2 are counted apart, see below), and in full mode
//   the Segmenter count with its "graphemes". Exit status 1 on any other difference.
//   Uses the results of the timed pass, so it costs little.
//
// The file is read and split before timing; one untimed warm-up pass over the first
// 20,000 lines lets the JIT settle; then one timed pass over every line. Prints a human
// line and a `RESULT mode=... posts=... seconds=... posts_per_s=...` line on stdout.
'use strict';

const fs = require('fs');
const twitterText = require('twitter-text');

function usage(message) {
  if (message) process.stderr.write(`parse_tweet.js: ${message}\n`);
  process.stderr.write('usage: node parse_tweet.js POSTS.jsonl [--mode parse|full] [--check SOMEPOST_OUTPUT.jsonl]\n');
  process.exit(2);
}

let file = null;
let mode = 'parse';
let check = null;
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; ++i) {
  const a = argv[i];
  if (a === '--mode') mode = argv[++i];
  else if (a === '--check') check = argv[++i];
  else if (a.startsWith('--')) usage(`unknown option ${a}`);
  else if (file === null) file = a;
  else usage('one input file only');
}
if (!file) usage('no input file');
if (mode !== 'parse' && mode !== 'full') usage(`unknown mode ${mode}`);

const lines = fs.readFileSync(file, 'utf8').split('\n');
if (lines.length && lines[lines.length - 1] === '') lines.pop();

function textOf(line) {
  const v = JSON.parse(line);
  return typeof v === 'string' ? v : v.text;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
function countGraphemes(text) {
  let n = 0;
  for (const _ of segmenter.segment(text)) ++n; // eslint-disable-line no-unused-vars
  return n;
}

// Checksums keep the work observable (and comparable with somepost's output).
let sumWeighted = 0;
let sumGraphemes = 0;
let invalid = 0;
// Per-line results, kept for --check (typed arrays: a negligible cost in the loop).
const weightedOf = new Int32Array(lines.length);
const validOf = new Uint8Array(lines.length);
const graphemesOf = new Int32Array(lines.length);

function runParse(from, to) {
  for (let i = from; i < to; ++i) {
    const r = twitterText.parseTweet(textOf(lines[i]));
    sumWeighted += weightedOf[i] = r.weightedLength;
    validOf[i] = r.valid ? 1 : 0;
    if (!r.valid) ++invalid;
  }
}

function runFull(from, to) {
  for (let i = from; i < to; ++i) {
    const text = textOf(lines[i]).normalize('NFC');
    sumGraphemes += graphemesOf[i] = countGraphemes(text);
    const r = twitterText.parseTweet(text);
    sumWeighted += weightedOf[i] = r.weightedLength;
    validOf[i] = r.valid ? 1 : 0;
    if (!r.valid) ++invalid;
  }
}

const run = mode === 'parse' ? runParse : runFull;
run(0, Math.min(20000, lines.length)); // warm-up, untimed
sumWeighted = sumGraphemes = invalid = 0;

const start = process.hrtime.bigint();
run(0, lines.length);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const rate = lines.length / seconds;

const label = mode === 'parse' ? 'parseTweet' : 'NFC + Intl.Segmenter + parseTweet';
console.log(`node ${process.version} twitter-text ${require('twitter-text/package.json').version}, ${label}: ` +
            `${lines.length.toLocaleString('en-US')} posts in ${seconds.toFixed(3)} s = ` +
            `${Math.round(rate).toLocaleString('en-US')} posts/s ` +
            `(sum weightedLength ${sumWeighted}, invalid ${invalid}` +
            (mode === 'full' ? `, sum graphemes ${sumGraphemes})` : ')'));
console.log(`RESULT mode=${mode} posts=${lines.length} seconds=${seconds.toFixed(6)} posts_per_s=${rate.toFixed(0)}`);

if (check) {
  // somepost counts every RGI emoji sequence of Emoji 17.0 as 2 (docs/platforms.md, X,
  // "Newer emoji"); twitter-text 3.1.0's twemoji-parser 11.0.2 stops at about Emoji 12 and
  // counts a newer sequence by its code points. A difference counts as explained when
  // replacing each such sequence by 💚 (weight 2 in both) makes parseTweet agree.
  const twemoji = require('twemoji-parser');
  const rgiEmoji = /^\p{RGI_Emoji}$/v;
  const withOldEmoji = (text) => {
    let out = '';
    for (const { segment } of segmenter.segment(text)) {
      if (rgiEmoji.test(segment)) {
        const found = twemoji.parse(segment);
        if (!(found.length === 1 && found[0].text === segment)) {
          out += '\u{1F49A}';
          continue;
        }
      }
      out += segment;
    }
    return out;
  };
  const theirs = fs.readFileSync(check, 'utf8').split('\n');
  if (theirs.length && theirs[theirs.length - 1] === '') theirs.pop();
  if (theirs.length !== lines.length) {
    console.log(`CHECK FAILED: ${theirs.length} somepost lines for ${lines.length} posts`);
    process.exit(1);
  }
  let explained = 0, lengthDiff = 0, validDiff = 0, graphemeDiff = 0, shown = 0;
  for (let i = 0; i < lines.length; ++i) {
    const text = textOf(lines[i]);
    const s = JSON.parse(theirs[i]);
    const x = s.platforms.find((p) => p.id === 'x');
    const bad = [];
    if (mode === 'full' && s.graphemes !== graphemesOf[i]) {
      ++graphemeDiff;
      bad.push(`graphemes ${s.graphemes} vs Segmenter ${graphemesOf[i]}`);
    }
    if (x) {
      let r = { weightedLength: weightedOf[i], valid: validOf[i] === 1 };
      if (x.length !== r.weightedLength || x.fits !== r.valid) {
        const r2 = twitterText.parseTweet(withOldEmoji(text));
        if (x.length === r2.weightedLength && x.fits === r2.valid) {
          ++explained;
        } else {
          r = r2;
          if (x.length !== r.weightedLength) { ++lengthDiff; bad.push(`x length ${x.length} vs weightedLength ${r.weightedLength}`); }
          if (x.fits !== r.valid) { ++validDiff; bad.push(`x fits ${x.fits} vs valid ${r.valid}`); }
        }
      }
    }
    if (bad.length && shown++ < 5) console.log(`  line ${i + 1}: ${bad.join('; ')}: ${JSON.stringify(text).slice(0, 120)}`);
  }
  const ok = lengthDiff === 0 && validDiff === 0 && graphemeDiff === 0;
  console.log(`CHECK ${ok ? 'OK' : 'FAILED'}: ${lines.length} posts; somepost's x length and fits equal ` +
              `parseTweet's weightedLength and valid on all but ${explained} posts, which hold emoji newer than ` +
              `twemoji-parser 11.0.2 (equal once those count 2); unexplained: length ${lengthDiff}, ` +
              `fits/valid ${validDiff}` +
              (mode === 'full' ? `; graphemes equal Intl.Segmenter's except on ${graphemeDiff}` : ''));
  if (!ok) process.exit(1);
}
