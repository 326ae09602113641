// Uploads a report, deposit or ZIP as the raw request body (as the REST API takes it) and
// lists every file's outcome; no framework, no CDN.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("upload-form");
  if (!form) return;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const input = document.getElementById("upload-file");
    const list = document.getElementById("upload-result");
    if (!input.files.length) return;
    const file = input.files[0];
    const response = await fetch(form.dataset.upload + "?name=" + encodeURIComponent(file.name), {
      method: "POST", body: await file.arrayBuffer(), credentials: "same-origin",
      headers: {"Content-Type": "application/octet-stream"},
    });
    const outcomes = await response.json();
    list.textContent = "";
    for (const o of outcomes) {
      const item = document.createElement("li");
      item.className = "outcome-" + o.status;
      const problems = (o.problems || []).map((p) => p.zh + " / " + p.en).join("; ");
      item.textContent = o.name + ": " + o.status_zh + " " + o.status +
        (o.version ? " v" + o.version : "") + (problems ? " — " + problems : "");
      list.appendChild(item);
    }
    if (outcomes.some((o) => o.status === "stored")) window.setTimeout(() => window.location.reload(), 800);
  });
});
