// The editor's page: paste an article, check it, accept or ignore each finding,
// download the ignored ones in a format the gate reads.  Article text never goes
// into innerHTML here: the report's HTML comes from the server's renderer, which
// escapes it, and the page's Content-Security-Policy runs no script but this file.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const TOKEN_KEY = "mtqa-token";
  let token = sessionStorage.getItem(TOKEN_KEY) || "";
  /** The last check: what was sent, the report, and a decision per finding number. */
  let current = null;

  function setStatus(text, isError = false) {
    const status = $("status");
    status.textContent = text;
    status.classList.toggle("error", isError);
  }

  async function api(path, body) {
    const headers = { "Content-Type": "application/json" };
    if (token) headers.Authorization = "Bearer " + token;
    const response = await fetch(path, { method: "POST", headers, body: JSON.stringify(body) });
    if (response.status === 401) {
      $("token-box").hidden = false;
      $("token").focus();
      throw new Error("this server needs a token: enter it below, then check again");
    }
    let data;
    try {
      data = await response.json();
    } catch (_) {
      throw new Error(`the server answered ${response.status} ${response.statusText}`);
    }
    if (!response.ok) throw new Error(data.error || `the server answered ${response.status}`);
    return data;
  }

  async function check(event) {
    event.preventDefault();
    const target = $("target").value;
    if (!target.trim()) {
      setStatus("paste an article first", true);
      return;
    }
    const request = { id: $("doc-id").value.trim() || "article", target };
    const source = $("source").value;
    if (source.trim()) request.source = source;
    if (!$("fluency").checked) request.options = { fluency: false };
    $("check").disabled = true;
    setStatus("checking…");
    try {
      const data = await api("v1/check/html", request);
      show(request, data);
      const n = data.report.summary.findings;
      setStatus(`${n} finding${n === 1 ? "" : "s"}`);
    } catch (error) {
      setStatus(error.message, true);
    } finally {
      $("check").disabled = false;
    }
  }

  function show(request, data) {
    const template = document.createElement("template");
    template.innerHTML = data.html; // the renderer's HTML: article text escaped there
    $("report").replaceChildren(template.content);
    const documents = data.report.documents;
    current = { request, findings: documents.length ? documents[0].findings : [], decisions: new Map() };
    for (const item of $("report").querySelectorAll("ol.findings > li")) {
      const number = Number(item.value);
      const box = document.createElement("span");
      box.className = "decide";
      for (const [state, label] of [["accepted", "accept"], ["ignored", "ignore"]]) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = label;
        button.textContent = label;
        button.setAttribute("aria-pressed", "false");
        button.dataset.finding = String(number);
        button.addEventListener("click", () => decide(number, state));
        box.append(button);
      }
      item.querySelector(".where")?.after(box);
    }
    $("actions").hidden = current.findings.length === 0;
    updateDecided();
  }

  function decide(number, state) {
    const decisions = current.decisions;
    const next = decisions.get(number) === state ? null : state;
    if (next) decisions.set(number, next);
    else decisions.delete(number);
    const report = $("report");
    for (const item of report.querySelectorAll(`ol.findings > li[value="${number}"]`)) {
      item.classList.toggle("accepted", next === "accepted");
      item.classList.toggle("ignored", next === "ignored");
      for (const button of item.querySelectorAll(".decide button")) {
        const pressed = (button.className === "accept" && next === "accepted") ||
          (button.className === "ignore" && next === "ignored");
        button.setAttribute("aria-pressed", String(pressed));
      }
    }
    for (const mark of report.querySelectorAll(`mark[data-f="${number}"]`)) {
      mark.classList.toggle("ignored", next === "ignored");
    }
    updateDecided();
  }

  function ignoredFindings() {
    return [...current.decisions].filter(([, s]) => s === "ignored").map(([n]) => current.findings[n - 1]).filter(Boolean);
  }

  function updateDecided() {
    const values = [...current.decisions.values()];
    const accepted = values.filter((s) => s === "accepted").length;
    const ignored = values.length - accepted;
    $("decided").textContent = `${accepted} accepted, ${ignored} ignored of ${current.findings.length}`;
    $("download-suppressions").disabled = ignored === 0;
    $("download-baseline").disabled = ignored === 0;
  }

  function download(name, text) {
    const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  function fileStem() {
    return current.request.id.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^[._]+/, "") || "article";
  }

  /** The article as a JSONL record whose "mtqa": {"ignore"} suppresses the ignored checks. */
  function suppressions() {
    const codes = [...new Set(ignoredFindings().map((f) => f.code))].sort();
    const record = { id: current.request.id, target: current.request.target };
    if (current.request.source) record.source = current.request.source;
    record.mtqa = { ignore: codes };
    download(`${fileStem()}.mtqa.jsonl`, JSON.stringify(record) + "\n");
  }

  async function baseline() {
    const findings = ignoredFindings().map((f) => ({ code: f.code, text: f.text, sentence: f.sentence }));
    try {
      const response = await api("v1/baseline", { document: current.request.id, findings });
      download("mtqa-baseline.json", JSON.stringify(response, null, 2) + "\n");
    } catch (error) {
      setStatus(error.message, true);
    }
  }

  function dropFile(event) {
    event.preventDefault();
    event.currentTarget.classList.remove("drop");
    const file = event.dataTransfer?.files?.[0];
    if (!file) return;
    const area = event.currentTarget;
    file.text().then((text) => {
      area.value = text;
      if (area.id === "target" && $("doc-id").value === "article") $("doc-id").value = file.name;
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("form").addEventListener("submit", check);
    $("token-box").addEventListener("submit", (event) => {
      event.preventDefault();
      token = $("token").value.trim();
      sessionStorage.setItem(TOKEN_KEY, token);
      $("token-box").hidden = true;
      setStatus("token set: check again");
    });
    $("download-suppressions").addEventListener("click", suppressions);
    $("download-baseline").addEventListener("click", baseline);
    for (const area of [$("target"), $("source")]) {
      area.addEventListener("dragover", (event) => {
        event.preventDefault();
        area.classList.add("drop");
      });
      area.addEventListener("dragleave", () => area.classList.remove("drop"));
      area.addEventListener("drop", dropFile);
    }
  });
})();
