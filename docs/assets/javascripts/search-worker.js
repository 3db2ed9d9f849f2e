/*
 * The site's search worker: material's search box and results list, answered from the index in
 * pieces that generator/searchindex.py writes (search/zr/). material's own worker downloads the
 * whole index and builds it on every full page load; this one fetches, per query, the shard of
 * each of its words and the documents of the best pages, and keeps what it fetched.
 *
 * It speaks material's worker protocol (its search box posts the messages; overrides/main.html
 * names this file as the worker): SETUP {config, docs} → READY; QUERY "text" → RESULT {items},
 * where items are the result pages, each a list of documents (the page first or not; material
 * sorts and renders them) with location, title and text as HTML, tags, score and terms.
 *
 * A query is cut as material cuts it: at the index's separator, lower case, lunr's syntax
 * characters dropped; a run of Chinese characters into the longest words of the index, the last
 * piece taken as the start of a word (a reader is still typing). Each word finds every indexed
 * word it starts, an exact match counting twice as much (PREFIX). Scores: lunr's idf times the
 * weight the index stored, summed over the query's words, then material's boost for a page and
 * for matching every word.
 */
"use strict"

const MESSAGE = { SETUP: 0, READY: 1, QUERY: 2, RESULT: 3 }
const RESULTS = 20 // pages listed: their documents are what a search downloads
const PREFIX = 0.5 // a word the query word only starts
const COVERAGE = 1e12 // a query word more found outweighs any score
const SETTLE = 80 // ms without a newer query before the best pages' documents are fetched
const EXTENSIONS = 4 // shards fetched for the words a short query word starts, at most
const HAN = /\p{sc=Han}+|[^\p{sc=Han}]+/gu
const LUNR_SYNTAX = /["*+~^:]/g
const WORD = /[\p{L}\p{N}]/u
const STOP = new Set(
  ("a able about across after all almost also am among an and any are as at be because been but by can cannot could dear " +
   "did do does either else ever every for from get got had has have he her hers him his how however i if in into is it " +
   "its just least let like likely may me might most must my neither no nor not of off often on only or other our own " +
   "rather said say says she should since so some than that the their them then there these they this tis to too twas " +
   "us wants was we were what when where which while who whom why will with would yet you your").split(" "))

// the edition's root: this file is its assets/javascripts/search-worker.js
const ROOT = new URL("../../", self.location.href)

let pieces = null // config.zr: stride, documents, version
let separator = null
let keys = null // Promise<Set<string>>: the shard keys, fetched with the first query, not at every page load
const shards = new Map() // key → Promise<{word: [df, number, level, …]}>
const pages = new Map() // page number → Promise<[[location, title, text, tags?], …]>
let latest = 0 // the newest query: an older one's answer is dropped

function get(path) {
  const url = new URL(`search/zr/${path}?v=${pieces.version}`, ROOT)
  return fetch(url).then(response => (response.ok ? response.json() : null)).catch(() => null)
}

function hex(key) {
  return Array.from(key, ch => ch.codePointAt(0).toString(16)).join("-")
}

function shard(key) {
  if (!shards.has(key)) shards.set(key, get(`t/${hex(key)}.json`).then(words => words || {}))
  return shards.get(key)
}

function page(n) {
  if (!pages.has(n)) pages.set(n, get(`p/${n}.json`).then(docs => docs || []))
  return pages.get(n)
}

// the shards that hold `word` and the words it starts: every key it starts with (the deepest
// holds it), and the keys of split shards that start with it
async function covering(word) {
  keys ||= get("keys.json").then(list => new Set(list || []))
  const all = await keys
  const found = []
  const chars = Array.from(word)
  for (let n = 1; n <= chars.length; n++) {
    const key = chars.slice(0, n).join("")
    if (all.has(key)) found.push(key)
  }
  const longer = []
  // a single Latin letter finds only itself: the words it starts fill dozens of shards
  if (chars.length > 1 || !/^[a-z0-9]$/.test(word))
    for (const key of all) if (key.length > word.length && key.startsWith(word)) longer.push(key)
  longer.sort((a, b) => a.length - b.length || (a < b ? -1 : 1))
  return Promise.all([...found, ...longer.slice(0, EXTENSIONS)].map(shard))
}

// a run of Chinese characters → the longest words of the index, left to right; the rest, once
// it starts a word of the index, is one word (typed so far); a character starting no word alone
async function segment(run) {
  const chars = Array.from(run)
  const words = []
  let i = 0
  while (i < chars.length) {
    const rest = chars.slice(i).join("")
    const loaded = await covering(rest)
    const known = word => loaded.some(words => word in words)
    if (loaded.some(words => Object.keys(words).some(word => word.startsWith(rest)))) {
      words.push(rest)
      break
    }
    let n = chars.length - i - 1 // the whole rest starts no word, so it is none
    while (n > 1 && !known(chars.slice(i, i + n).join(""))) n--
    n = Math.max(n, 1)
    words.push(chars.slice(i, i + n).join(""))
    i += n
  }
  return words
}

async function queryWords(query) {
  const words = []
  for (const piece of query.toLowerCase().replace(LUNR_SYNTAX, " ").split(separator)) {
    for (const run of piece.match(HAN) || []) {
      if (/\p{sc=Han}/u.test(run)) words.push(...(await segment(run)))
      else if (WORD.test(run) && !STOP.has(run)) words.push(run) // not a bracket or quote alone
    }
  }
  return [...new Set(words)]
}

function idf(df) {
  const n = pieces.documents
  return Math.log(1 + Math.abs((n - df + 0.5) / (df + 0.5)))
}

// number → {score, words: Set of index words matched, terms: {query word: matched}}
async function score(words) {
  const found = new Map()
  for (const query of words) {
    const best = new Map() // number → [score, index word] for this query word
    for (const loaded of await covering(query)) {
      for (const [word, entry] of Object.entries(loaded)) {
        if (!word.startsWith(query)) continue
        const weight = idf(entry[0]) * (word === query ? 1 : PREFIX)
        for (let k = 1; k < entry.length; k += 2) {
          const value = weight * 2 ** (entry[k + 1] / 8)
          const had = best.get(entry[k])
          if (!had || had[0] < value) best.set(entry[k], [value, word])
        }
      }
    }
    for (const [number, [value, word]] of best) {
      if (!found.has(number)) found.set(number, { score: 0, words: new Set(), terms: Object.fromEntries(words.map(w => [w, false])) })
      const hit = found.get(number)
      hit.score += value
      hit.words.add(word)
      hit.terms[query] = true
    }
  }
  return found
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
}

// the words of `html` (outside its tags) that are among `words` marked as material marks them
function highlight(html, words) {
  if (!html || !words.size) return html
  const cut = new RegExp(`(${separator.source})`)
  return html.split(/(<[^>]*>)/).map(part => part.startsWith("<") ? part :
    part.split(cut).map(token => words.has(token.toLowerCase()) ? `<mark data-md-highlight>${token}</mark>` : token).join("")
  ).join("")
}

async function search(query, mine) {
  const words = await queryWords(query)
  if (!words.length) return { items: [] }
  const found = await score(words)
  // a reader still typing: the pages' documents are fetched for the query they stop at
  await new Promise(resolve => setTimeout(resolve, SETTLE))
  if (mine !== latest) return null
  const stride = pieces.stride
  const groups = new Map() // page number → [[number, hit], …]
  for (const [number, hit] of found) {
    const matched = Object.values(hit.terms).filter(Boolean).length
    const boost = +(number % stride === 0) + matched / words.length // material's: a page, and every word found
    // then before any score, how many of the query's words a document has: material ranks a
    // page whose names (weighed a million times) start one word of four above the section
    // that has all four ("tech" in a region's "Economic-Technological")
    hit.score = matched * COVERAGE + hit.score * (1 + boost ** 2)
    const n = Math.floor(number / stride)
    if (!groups.has(n)) groups.set(n, [])
    groups.get(n).push([number, hit])
  }
  const best = [...groups.entries()]
    .map(([n, hits]) => [n, hits.sort((a, b) => b[1].score - a[1].score)])
    .sort((a, b) => b[1][0][1].score - a[1][0][1].score)
    .slice(0, RESULTS)
  const docs = await Promise.all(best.map(([n]) => page(n)))
  const items = best.map(([, hits], g) => {
    const shown = hits.map(([number, hit]) => item(docs[g][number % stride], hit))
    if (!hits.some(([number]) => number % stride === 0) && docs[g][0]) // material lists every result under its page
      shown.push(item(docs[g][0], { score: 0, words: new Set(), terms: {} }))
    return shown.filter(Boolean)
  })
  return { items: items.filter(list => list.length) }
}

function item(row, hit) {
  if (!row) return null
  const [location, title, text, tags] = row
  return {
    location,
    title: highlight(title, hit.words),
    text: highlight(text, hit.words),
    ...(tags ? { tags } : {}),
    score: hit.score,
    terms: hit.terms,
  }
}

addEventListener("message", async event => {
  const message = event.data
  if (message.type === MESSAGE.SETUP) {
    const config = message.data.config
    pieces = config.zr
    separator = new RegExp(config.separator)
    postMessage({ type: MESSAGE.READY })
  } else if (message.type === MESSAGE.QUERY) {
    const mine = ++latest
    let data = { items: [] }
    try {
      data = await search(message.data, mine)
    } catch (error) {
      console.warn("search:", error)
    }
    if (data && mine === latest) postMessage({ type: MESSAGE.RESULT, data })
  }
})
