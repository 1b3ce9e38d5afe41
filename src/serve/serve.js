// ftlkit serve: the translate view's behaviour. Plain JavaScript, no library.
"use strict";
(function () {
  const bench = document.getElementById("workbench");
  if (!bench) return;
  const locale = bench.dataset.locale, doc = bench.dataset.doc, secret = bench.dataset.secret;
  const base = "/" + encodeURIComponent(locale) + "/" + encodeURIComponent(doc);
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
    for (const f of findings) {
      const li = document.createElement("li");
      li.className = f.severity;
      const code = document.createElement("span");
      code.className = "code";
      code.textContent = f.code;
      li.append(code, " " + f.message);
      list.append(li);
    }
    msg.dataset.findings = String(findings.length);
    return findings;
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
    box.append(title, disk, mine, yours, again);
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
    } else if (answer.status === "conflict") {
      setStatus(msg, "conflict: not saved", "refused");
      showConflict(msg, answer);
    } else {
      setStatus(msg, "not saved: " + answer.error, "refused");
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
      if (state === "missing" || state === "stale" || state === "error") {
        const area = all[at].querySelector("textarea");
        area.focus();
        all[at].scrollIntoView({ block: "center" });
        return;
      }
    }
  }

  function filter() {
    const on = Array.from(document.querySelectorAll(".filters input:checked")).map((i) => i.value);
    for (const msg of messages()) {
      msg.hidden = on.length > 0 && !on.some((f) =>
        f === "findings" ? msg.dataset.findings !== "0" : msg.dataset.state === f);
    }
  }

  document.addEventListener("input", (e) => {
    const msg = e.target.closest && e.target.closest(".msg");
    if (msg && e.target.tagName === "TEXTAREA") lintSoon(msg);
  });
  document.addEventListener("click", (e) => {
    if (e.target.classList.contains("save")) save(e.target.closest(".msg"));
  });
  document.addEventListener("change", (e) => { if (e.target.closest(".filters")) filter(); });
  document.addEventListener("focusin", () => {
    messages().forEach((m) => m.classList.remove("current"));
    const msg = current();
    if (msg) msg.classList.add("current");
  });
  document.addEventListener("keydown", (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key === "Enter" && current()) {
      e.preventDefault();
      save(current());
    } else if (e.altKey && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
      e.preventDefault();
      move(e.key === "ArrowDown" ? 1 : -1);
    }
  });

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
