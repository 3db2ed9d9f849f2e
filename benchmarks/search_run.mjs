// Runs the site's search worker (docs/assets/javascripts/search-worker.js) in Node over a built
// edition: reads queries (a JSON list) on stdin, prints each query's result pages, best first,
// as JSON lines. The worker's fetches read the edition's files. For benchmarks/search_quality.py.
//   node benchmarks/search_run.mjs SITE_EDITION_DIR < queries.json
import { readFile } from "node:fs/promises"
import { fileURLToPath, pathToFileURL } from "node:url"
import vm from "node:vm"

const [site] = process.argv.slice(2)
const root = pathToFileURL(site.endsWith("/") ? site : site + "/")
const worker = await readFile(new URL("../docs/assets/javascripts/search-worker.js", import.meta.url), "utf-8")
let listener = null
const replies = []
const context = {
  self: { location: { href: new URL("assets/javascripts/search-worker.js", root).href } },
  URL, console, Map, Set, Promise, Math, Object, Array, JSON,
  // one query at a time, none newer: the worker's wait for a reader to stop typing is skipped
  setTimeout: fn => queueMicrotask(fn),
  fetch: async url => {
    const path = fileURLToPath(new URL(url).href.split("?")[0])
    try {
      const text = await readFile(path, "utf-8")
      return { ok: true, json: async () => JSON.parse(text) }
    } catch {
      return { ok: false, json: async () => null }
    }
  },
  addEventListener: (_, fn) => { listener = fn },
  postMessage: message => replies.push(message),
}
vm.createContext(context)
vm.runInContext(worker, context)
const stub = JSON.parse(await readFile(new URL("search/search_index.json", root), "utf-8"))
await listener({ data: { type: 0, data: { config: stub.config, docs: [] } } })
let input = ""
for await (const chunk of process.stdin) input += chunk
for (const query of JSON.parse(input)) {
  replies.length = 0
  await listener({ data: { type: 2, data: query } })
  const result = replies.find(r => r.type === 3)
  const pages = result ? result.data.items.map(group => group.map(d => d.location).find(l => !l.includes("#")) || group[0].location.split("#")[0]) : []
  const sections = result ? result.data.items.map(group => group[0].location + " " + group[0].score.toFixed(0) + " " + JSON.stringify(group[0].terms)) : []
  console.log(JSON.stringify({ query, pages, sections }))
}
