// ftlkit serve: the translate view's behaviour. Plain JavaScript, no library.
"use strict";
(function () {
  const bench = document.getElementById("workbench");
  if (!bench) return;
  const locale = bench.dataset.locale, doc = bench.dataset.doc, secret = bench.dataset.secret;
  const base = "/" + encodeURIComponent(locale) + "/" + doc.split("/").map(encodeURIComponent).join("/");
  const messages = () => Array.from(document.querySelectorAll(".msg"));

  function body(msg) {
    const form = new URLSearchParams();
    form.set("id", msg.dataset.id);
    form.set("token", msg.dataset.token);
    msg.querySelectorAll("textarea").forEach((t) => form.set("part:" + t.dataset.part, t.value));
    return form;
  }

  async function post(path, form) {
    const response = await fetch(path, {
      method: "POST",
      headers: { "X-Ftlkit-Token": secret, "Content-Type": "application/x-www-form-urlencoded" },
      body: form.toString(),
    });
    return response.json();
  }

  function showFindings(msg, findings) {
    const list = msg.querySelector(".findings");
    list.replaceChildren();
    const seen = new Map();
    for (const f of findings) {
      const li = document.createElement("li");
      li.className = f.severity;
      const code = document.createElement("span");
      code.className = "code";
      code.textContent = f.code;
      li.append(code, " " + f.message);
      // Its rank among the message's findings of its code: the server finds it so.
      const n = seen.get(f.code) || 0;
      seen.set(f.code, n + 1);
      if (f.fix) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "fix";
        button.dataset.code = f.code;
        button.dataset.n = String(n);
        button.title = "Make this fix in the editor (as ftlkit check --fix); Save writes it";
        button.textContent = "Fix";
        li.append(" ", button);
      }
      list.append(li);
    }
    msg.dataset.findings = String(findings.length);
    return findings;
  }

  // A finding's safe fix made in the editor (the server makes it as
  // `check --fix` does: only its characters change). Not saved: Save is.
  async function fix(button) {
    const msg = button.closest(".msg");
    const form = body(msg);
    form.set("code", button.dataset.code);
    form.set("n", button.dataset.n);
    const answer = await post("/api/fix" + base, form);
    if (answer.status !== "fixed") {
      setStatus(msg, "not fixed: " + answer.error, "refused");
      return;
    }
    msg.querySelectorAll("textarea").forEach((t) => { t.value = answer.parts[t.dataset.part] || ""; });
    setStatus(msg, "fixed in the editor: not saved yet", "");
    lintSoon(msg);
  }

  function setStatus(msg, text, kind) {
    const status = msg.querySelector(".status");
    status.textContent = text;
    status.className = "status " + kind;
  }

  function setState(msg, state) {
    msg.dataset.state = state;
    const badge = msg.querySelector(".state");
    badge.textContent = state;
    badge.className = "state " + state;
  }

  const timers = new Map();
  function lintSoon(msg) {
    clearTimeout(timers.get(msg));
    timers.set(msg, setTimeout(async () => {
      const answer = await post("/api/lint" + base, body(msg));
      showFindings(msg, answer.findings || []);
    }, 300));
  }

  function showConflict(msg, answer) {
    const box = msg.querySelector(".conflict");
    box.replaceChildren();
    const title = document.createElement("p");
    title.textContent = "Not saved: this message changed on disk since the page showed it. " +
      "Your text is still in the editor; the file now has:";
    const disk = document.createElement("pre");
    disk.textContent = answer.disk === null ? "(nothing: the message is not in the file)" : answer.disk;
    const yours = document.createElement("pre");
    yours.textContent = answer.yours;
    const mine = document.createElement("p");
    mine.textContent = "Yours:";
    const again = document.createElement("button");
    again.type = "button";
    again.textContent = "Save mine over it";
    again.addEventListener("click", () => { msg.dataset.token = answer.token; box.hidden = true; save(msg); });
    const theirs = document.createElement("button");
    theirs.type = "button";
    theirs.className = "take";
    theirs.textContent = "Take the file's version";
    theirs.addEventListener("click", () => {
      const parts = answer.disk_parts || {};
      msg.querySelectorAll("textarea").forEach((t) => { t.value = parts[t.dataset.part] || ""; });
      msg.dataset.token = answer.token;
      box.hidden = true;
      setStatus(msg, "the file's version is in the editor; nothing was saved", "");
      lintSoon(msg);
    });
    box.append(title, disk, mine, yours, again, " ", theirs);
    box.hidden = false;
  }

  async function save(msg) {
    setStatus(msg, "saving…", "");
    const answer = await post("/api/save" + base, body(msg));
    if (answer.status === "saved") {
      msg.dataset.token = answer.token;
      msg.querySelector(".conflict").hidden = true;
      const findings = showFindings(msg, answer.findings || []);
      setState(msg, findings.some((f) => f.severity === "error") ? "error" : "translated");
      setStatus(msg, "saved", "saved");
    } else if (answer.status === "unchanged") {
      msg.dataset.token = answer.token;
      setStatus(msg, answer.note, answer.stale ? "refused" : "saved");
    } else if (answer.status === "conflict") {
      setStatus(msg, "conflict: not saved", "refused");
      showConflict(msg, answer);
    } else {
      setStatus(msg, "not saved: " + answer.error, "refused");
    }
  }

  async function accept(msg, review) {
    setStatus(msg, review ? "recording…" : "accepting…", "");
    const form = new URLSearchParams();
    form.set("id", msg.dataset.id);
    form.set("token", msg.dataset.token);
    const answer = await post((review ? "/api/review" : "/api/accept") + base, form);
    if (answer.status === "accepted" || answer.status === "not-stale") {
      setState(msg, "translated");
      const diff = msg.querySelector(".diff");
      if (diff) diff.hidden = true;
      msg.querySelectorAll(".accept, .review").forEach((b) => { b.hidden = true; });
      setStatus(msg, answer.status === "accepted" ? "accepted: marked as reviewed" : "not stale", "saved");
    } else {
      setStatus(msg, "not accepted: " + answer.error, "refused");
    }
  }

  function current() {
    const active = document.activeElement;
    return active && active.closest ? active.closest(".msg") : null;
  }

  function move(step) {
    const all = messages().filter((m) => !m.hidden);
    let at = all.indexOf(current());
    for (let n = 0; n < all.length; n++) {
      at = (at + step + all.length) % all.length;
      const state = all[at].dataset.state;
      if (state === "missing" || state === "stale" || state === "error" ||
          state === "edited-template" || state === "broken") {
        const area = all[at].querySelector("textarea");
        area.focus();
        all[at].scrollIntoView({ block: "center" });
        return;
      }
    }
  }

  // A suggestion of the translation memory goes into its part's editor; it
  // is not saved: the translator saves as usual (Save or Ctrl+Enter).
  function insert(suggestion) {
    const msg = suggestion.closest(".msg");
    const area = suggestion.closest(".part").querySelector("textarea");
    area.value = suggestion.dataset.text;
    area.focus();
    area.dispatchEvent(new Event("input", { bubbles: true }));
    setStatus(msg, "suggestion inserted (" + suggestion.dataset.score + "%): not saved yet", "");
  }

  // Alt+1…Alt+9 in an editor: that suggestion of the editor's part. The key's
  // place (code), not its character, so any keyboard layout has it.
  function suggestionKey(e) {
    if (!e.altKey || e.ctrlKey || e.metaKey || !current()) return null;
    const digit = /^(?:Digit|Numpad)([1-9])$/.exec(e.code || "") || /^([1-9])$/.exec(e.key || "");
    const part = document.activeElement.closest(".part");
    if (!digit || !part) return null;
    return part.querySelectorAll(".suggestion")[Number(digit[1]) - 1] || null;
  }

  function filter() {
    const on = Array.from(document.querySelectorAll(".filters input:checked")).map((i) => i.value);
    for (const msg of messages()) {
      msg.hidden = on.length > 0 && !on.some((f) =>
        f === "findings" ? msg.dataset.findings !== "0"
          // Text typed into a template, or lines that do not parse, is not a translation yet.
          : f === "missing" ? ["missing", "edited-template", "broken"].includes(msg.dataset.state)
          : msg.dataset.state === f);
    }
  }

  document.addEventListener("input", (e) => {
    const msg = e.target.closest && e.target.closest(".msg");
    if (msg && e.target.tagName === "TEXTAREA") lintSoon(msg);
  });
  document.addEventListener("click", (e) => {
    if (e.target.classList.contains("save")) save(e.target.closest(".msg"));
    else if (e.target.classList.contains("accept")) accept(e.target.closest(".msg"), false);
    else if (e.target.classList.contains("review")) accept(e.target.closest(".msg"), true);
    else if (e.target.classList.contains("insert")) insert(e.target.closest(".suggestion"));
    else if (e.target.classList.contains("fix")) fix(e.target);
  });
  document.addEventListener("change", (e) => { if (e.target.closest(".filters")) filter(); });
  document.addEventListener("focusin", () => {
    messages().forEach((m) => m.classList.remove("current"));
    const msg = current();
    if (msg) msg.classList.add("current");
  });
  document.addEventListener("keydown", (e) => {
    const suggestion = suggestionKey(e);
    if (suggestion) {
      e.preventDefault();
      insert(suggestion);
    } else if ((e.ctrlKey || e.metaKey) && e.key === "Enter" && current()) {
      e.preventDefault();
      save(current());
    } else if (e.altKey && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
      e.preventDefault();
      move(e.key === "ArrowDown" ? 1 : -1);
    }
  });

  // Concordance: the memory's entries that contain the phrase typed.
  const search = document.querySelector(".concordance input");
  let searching = null;
  function showEntries(entries) {
    const list = document.querySelector(".concordance .results");
    list.replaceChildren();
    for (const e of entries) {
      const li = document.createElement("li");
      const source = document.createElement("div");
      source.className = "source";
      source.lang = "en-US";
      source.dir = "ltr";
      source.textContent = e.source;
      const target = document.createElement("div");
      target.className = "target";
      target.lang = locale;
      target.dir = bench.dataset.dir;
      target.textContent = e.target;
      const origin = document.createElement("span");
      origin.className = "origin";
      origin.textContent = e.origin;
      li.append(origin, source, target);
      list.append(li);
    }
  }
  if (search) {
    search.addEventListener("input", () => {
      clearTimeout(searching);
      searching = setTimeout(async () => {
        const q = search.value;
        if (!q.trim()) return showEntries([]);
        const answer = await (await fetch("/api/concordance/" + encodeURIComponent(locale) +
          "?q=" + encodeURIComponent(q))).json();
        if (search.value === q) showEntries(answer.entries || []);
      }, 250);
    });
  }

  // The preview follows every change on disk: the server counts changes.
  const frame = document.getElementById("preview");
  let seen = null;
  async function poll() {
    try {
      const generation = await (await fetch("/api/generation")).text();
      if (seen !== null && generation !== seen && frame) {
        frame.src = "/preview" + base + "?g=" + encodeURIComponent(generation);
      }
      seen = generation;
    } catch (err) { /* the server stopped: try again later */ }
    setTimeout(poll, 250);
  }
  poll();
})();
