// Signs a reviewer's decision in this browser with the reviewer's Ed25519 key (Web Crypto).
// The key file is read here and never sent: only the signature goes to the server.
"use strict";
(function () {
  const form = document.getElementById("sign-form");
  if (!form) return;
  const feature = form.dataset.feature;
  const formToken = form.dataset.formToken;
  const result = document.getElementById("sign-result");
  const shown = document.getElementById("sign-message");
  const unsupported = document.getElementById("sign-unsupported");

  function say(text, failed) {
    result.textContent = text;
    result.className = failed ? "refused" : "done";
  }

  function pkcs8(pem) {
    const match = /-----BEGIN PRIVATE KEY-----([\s\S]*?)-----END PRIVATE KEY-----/.exec(pem);
    if (!match) throw new Error("the file is not a PKCS#8 PEM private key ('-----BEGIN PRIVATE KEY-----')");
    const binary = atob(match[1].replace(/\s+/g, ""));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  }

  async function post(path, body) {
    const response = await fetch(path, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-AIGov-Form-Token": formToken },
      body: JSON.stringify(body),
    });
    const answer = await response.json();
    if (!response.ok) {
      const error = new Error(answer.error ? answer.error.message : response.statusText);
      error.retry = Boolean(answer.error && answer.error.retry);
      throw error;
    }
    return answer;
  }

  async function supportsEd25519() {
    if (!window.crypto || !crypto.subtle) return false;
    try {
      await crypto.subtle.generateKey({ name: "Ed25519" }, false, ["sign"]);
      return true;
    } catch (error) {
      return false;
    }
  }

  supportsEd25519().then((supported) => {
    if (!supported) {
      unsupported.hidden = false;
      document.getElementById("sign").disabled = true;
    }
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const file = form.elements.key.files[0];
    if (!file) return say("choose your private key file", true);
    const asked = {
      discipline: form.elements.discipline.value,
      decision: form.elements.decision.value,
      comment: form.elements.comment.value,
    };
    try {
      const key = await crypto.subtle.importKey(
        "pkcs8", pkcs8(await file.text()), { name: "Ed25519" }, false, ["sign"]);
      const path = `/api/features/${encodeURIComponent(feature)}/sign-offs`;
      let outcome;
      // Another change may land between the draft and the decision: sign again, with its time.
      for (let attempt = 1; !outcome; attempt++) {
        const draft = await post(`${path}/draft`, asked);
        shown.textContent = draft.message;
        const signature = new Uint8Array(
          await crypto.subtle.sign({ name: "Ed25519" }, key, new TextEncoder().encode(draft.message)));
        try {
          outcome = await post(path, {
            discipline: draft.signoff.discipline,
            decision: draft.signoff.decision,
            comment: draft.signoff.comment,
            round: draft.signoff.round_number,
            content_hash: draft.signoff.content_hash,
            signed_at: draft.signoff.signed_at,
            signature: btoa(String.fromCharCode(...signature)),
          });
        } catch (error) {
          if (!error.retry || attempt >= 3) throw error;
        }
      }
      say(`recorded ${outcome.signoff.decision} for ${outcome.signoff.discipline} (signed); the round is ${outcome.round.status}`, false);
    } catch (error) {
      say(error.message, true);
    }
  });
})();
