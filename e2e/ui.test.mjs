// End-to-end: start `storyline serve`, ingest our own fixture articles through the
// API, and drive the web UI in Debian's headless Chromium: story list → story page
// → search → article page, on a laptop and a phone viewport. Articles carry
// <script> and onerror= payloads, which must render as inert text. The story page's
// screenshot goes to docs/story-page.png for the README.

import { spawn } from "node:child_process";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const binary = process.env.STORYLINE_BIN ?? join(root, "target/debug/storyline");
const browserPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const data = mkdtempSync(join(tmpdir(), "storyline-e2e-"));
const token = `e2e-${Math.random().toString(36).slice(2)}`;

const ARTICLES = [
  {
    id: "crane-en",
    url: "https://coast-herald.example/2026/03/02/veldmark-crane",
    source: "Coast Herald",
    title: "<script>window.__xss = 1</script>Container crane collapses at Veldmark harbour",
    text:
      "A container crane collapsed at Veldmark harbour on Monday morning, harbour master Ilse Brandvold said. " +
      "Nobody was hurt, but the Veldmark container terminal will stay closed until Wednesday while engineers " +
      'inspect the quay. <img src=x onerror="window.__xss = 2"> Ships were sent to Orsund instead. ' +
      "“We will check every crane on the quay before the terminal reopens,” Brandvold said.",
    published: "2026-03-02T08:00:00Z",
    lang: "en",
  },
  {
    id: "crane-uk",
    url: "https://dnipro-news.example/news/veldmark-kran",
    source: "Dnipro News",
    title: "У порту Вельдмарк обвалився контейнерний кран",
    text:
      "У понеділок уранці в порту Вельдмарк обвалився контейнерний кран, повідомила начальниця порту " +
      "Ільзе Брандвольд. Ніхто не постраждав, але контейнерний термінал Вельдмарк буде закритий до середи, " +
      "поки інженери оглядають причал.",
    published: "2026-03-02T11:30:00Z",
    lang: "uk",
  },
  {
    id: "crane-de",
    url: "https://nordkurier.example/hafen/kran-veldmark",
    source: "Nordkurier",
    title: "Containerkran im Hafen von Veldmark eingestürzt",
    text:
      "Im Hafen von Veldmark ist am Montagmorgen ein Containerkran eingestürzt, sagte Hafenmeisterin Ilse " +
      "Brandvold. Verletzt wurde niemand, das Containerterminal Veldmark bleibt bis Mittwoch geschlossen.",
    published: "2026-03-03T07:15:00Z",
    lang: "de",
  },
  {
    id: "choir-en",
    url: "https://coast-herald.example/2026/03/07/orsund-choir",
    source: "Coast Herald",
    title: "Youth choir from Orsund wins the northern festival",
    text:
      "The youth choir of Orsund won first prize at the northern choral festival in Teglby on Saturday, " +
      "conductor Marit Solheim said after the final round of the competition.",
    published: "2026-03-07T18:00:00Z",
    lang: "en",
  },
];

function startServer() {
  const server = spawn(
    binary,
    ["--data", data, "serve", "--addr", "127.0.0.1:0"],
    { env: { ...process.env, STORYLINE_TOKEN: token }, stdio: ["ignore", "ignore", "pipe"] },
  );
  const address = new Promise((resolve, reject) => {
    let log = "";
    server.stderr.on("data", (chunk) => {
      log += chunk;
      // Only a whole line: stderr arrives in chunks, and a chunk can end mid-address.
      const found = log.match(/serving on (http:\/\/\S+)\r?\n/);
      if (found) resolve(found[1]);
    });
    server.on("exit", (code) => reject(new Error(`server exited (${code}): ${log}`)));
    // unref: a pending timer must not keep the finished test alive.
    setTimeout(() => reject(new Error(`server gave no address: ${log}`)), 60_000).unref();
  });
  return { server, address };
}

async function ingest(base, articles) {
  const denied = await fetch(`${base}/api/articles`, { method: "POST", body: JSON.stringify(articles) });
  assert.equal(denied.status, 401, "no token, no write");
  const response = await fetch(`${base}/api/articles`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(articles),
  });
  assert.equal(response.status, 202);
  const { task } = await response.json();
  for (let i = 0; i < 600; i++) {
    const state = (await (await fetch(`${base}/api/tasks/${task}`)).json()).state;
    if (state.status === "succeeded") {
      assert.equal(state.summary.ingested, articles.length);
      return;
    }
    assert.notEqual(state.status, "failed", JSON.stringify(state));
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the ingestion task never finished");
}

// A quake reported in German and Ukrainian only: "earthquake" shares no word with
// either, so only search by meaning can find them.
const QUAKE = [
  {
    id: "quake-de",
    url: "https://nordkurier.example/welt/beben-valdera",
    source: "Nordkurier",
    title: "Erdbeben der Stärke 6,1 erschüttert die Provinz Valdera",
    text:
      "Ein Erdbeben der Stärke 6,1 hat am Dienstagmorgen die Provinz Valdera erschüttert. In den Dörfern " +
      "am Fuß der Berge stürzten ältere Häuser ein, drei Menschen wurden leicht verletzt, teilte der " +
      "Zivilschutz von Valdera mit. Die Erdstöße waren bis an die Küste zu spüren.",
    published: "2026-03-10T06:40:00Z",
    lang: "de",
  },
  {
    id: "quake-uk",
    url: "https://dnipro-news.example/news/zemletrus-valdera",
    source: "Dnipro News",
    title: "Землетрус магнітудою 6,1 сколихнув провінцію Вальдера",
    text:
      "У вівторок уранці землетрус магнітудою 6,1 сколихнув провінцію Вальдера. У гірських селах " +
      "обвалилися старі будинки, троє людей дістали легкі травми, повідомила цивільна оборона Вальдери. " +
      "Поштовхи відчули навіть на узбережжі.",
    published: "2026-03-10T09:15:00Z",
    lang: "uk",
  },
];

// Enough one-article stories to need a second page: invented towns and people, each
// notice a year apart, so no two can be one event.
const CONSONANTS = "bdfgklmnprstvz";
function notices(n) {
  return Array.from({ length: n }, (_, i) => {
    const [a, b] = [CONSONANTS[i % 14], CONSONANTS[(i * 5 + Math.floor(i / 14) + 3) % 14]];
    const town = `${a.toUpperCase()}al${b}ova`;
    const mayor = `Ir${b}e ${a.toUpperCase()}ost${b}ik`;
    const year = 1970 + i;
    return {
      id: `notice-${i}`,
      url: `https://notices.example/${year}/${town.toLowerCase()}`,
      source: "Town Notices",
      title: `${town} opens its new library`,
      text: `The new library of ${town} opened on Saturday, mayor ${mayor} said. ` +
        `It lends books, maps and music, and stays open until nine in the evening.`,
      published: `${year}-05-0${1 + (i % 9)}T09:00:00Z`,
      lang: "en",
    };
  });
}

async function waitForSearch(base, q, atLeast) {
  for (let i = 0; i < 100; i++) {
    const body = await (await fetch(`${base}/api/search?q=${encodeURIComponent(q)}`)).json();
    if (body.items.length >= atLeast) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`search for ${q} never found ${atLeast} articles`);
}

async function run() {
  const { server, address } = startServer();
  let browser;
  try {
    const base = await address;
    await ingest(base, ARTICLES);
    await waitForSearch(base, "Brandvold", 3);

    browser = await chromium.launch({ executablePath: browserPath, args: ["--no-sandbox"] });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const dialogs = [];
    const violations = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      d.dismiss();
    });
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });

    // The list: two stories, the crane story in three languages.
    await page.goto(`${base}/`);
    assert.equal(await page.title(), "Stories · storyline");
    assert.equal(await page.locator("li.story").count(), 2);
    const crane = page.locator("li.story", { hasText: "crane" });
    assert.match(await crane.locator(".meta").innerText(), /3 articles[\s\S]*3 outlets/);

    // The story page: timeline, outlets, the untrusted title as text.
    await crane.locator("a.title").click();
    await page.waitForSelector("figure.timeline svg rect");
    assert.ok((await page.locator("figure.timeline svg rect").count()) >= 2, "bars for two days");
    assert.equal(await page.locator("table.coverage tbody tr").count(), 3, "three outlets");
    assert.match(await page.locator("h1").innerText(), /<script>window\.__xss = 1<\/script>/);
    assert.equal(await page.evaluate(() => window.__xss), undefined, "no script ran");
    assert.match(await page.locator("figure.quote").first().innerText(), /check every crane[\s\S]*Brandvold/);
    assert.match(await page.locator("ul.entities").innerText(), /Брандвольд/);
    mkdirSync(join(root, "docs"), { recursive: true });
    await page.screenshot({ path: join(root, "docs/story-page.png"), fullPage: true });

    // Search across scripts, then the article page.
    await page.goto(`${base}/search`);
    await page.fill('input[name="q"]', "Brandvold");
    await page.click('button[type="submit"]');
    await page.waitForSelector("li.hit");
    assert.equal(await page.locator("li.hit").count(), 3, "the name in three scripts' articles");
    await page.locator("li.hit a.article-title", { hasText: "Container crane" }).click();
    await page.waitForSelector("article.article-page");
    const text = await page.locator("article.article-page").innerText();
    assert.ok(text.includes('<img src=x onerror="window.__xss = 2">'), "the payload is shown as text");
    assert.equal(await page.locator("article.article-page img").count(), 0);
    assert.equal(await page.evaluate(() => window.__xss), undefined, "no handler ran");

    // Paging: 52 more stories make two pages of the list, linked both ways.
    await ingest(base, notices(52));
    await page.goto(`${base}/`);
    assert.equal(await page.locator("li.story").count(), 50);
    assert.match(await page.locator("nav.pager").innerText(), /1–50 of 54/);
    await page.click('nav.pager a[rel="next"]');
    await page.waitForSelector("nav.pager a[rel=prev]");
    assert.equal(await page.locator("li.story").count(), 4);
    assert.match(await page.locator("nav.pager").innerText(), /51–54 of 54/);
    const api = await (await fetch(`${base}/api/stories?limit=50&offset=50`)).json();
    assert.equal(api.total, 54);
    assert.equal(api.items.length, 4);
    assert.equal(api.next, null);

    // Search by meaning, across languages: the German and Ukrainian quake reports
    // for an English word neither contains, with the count of matches shown.
    await ingest(base, QUAKE);
    await page.goto(`${base}/search?q=earthquake`);
    await page.waitForSelector("li.hit");
    const found = await page.locator("li.hit a.article-title").allInnerTexts();
    assert.ok(found.some((t) => t.startsWith("Erdbeben")), `German report among ${found}`);
    assert.ok(found.some((t) => t.startsWith("Землетрус")), `Ukrainian report among ${found}`);
    assert.match(await page.locator("p.count").innerText(), /^\d+ matching article/);
    assert.match(await page.locator("li.hit .found").first().innerText(), /meaning/);
    assert.match(await page.locator("section.found-stories").innerText(), /Erdbeben|Землетрус/);

    // A phone: nothing wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goBack();
    await page.goto(`${base}/`);
    await page.locator("li.story a.title", { hasText: "crane" }).click();
    await page.waitForSelector("figure.timeline");
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.ok(overflow <= 1, `the story page scrolls sideways on a phone by ${overflow}px`);

    assert.deepEqual(dialogs, [], "no dialog opened");
    assert.deepEqual(violations, [], "the pages need nothing the policy forbids");
    console.log("e2e: list → story → search → article → next page, laptop and phone: ok");
  } finally {
    if (browser) await browser.close();
    server.kill();
    rmSync(data, { recursive: true, force: true });
  }
}

run().catch((e) => {
  console.error(e);
  process.exit(1);
});
