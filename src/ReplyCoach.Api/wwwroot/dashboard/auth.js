// Sign-in for the team-lead dashboard: Microsoft Entra ID, authorization code flow with PKCE, no library.
// The access token lives in sessionStorage for this tab only and is sent as a Bearer token to the lead API,
// which decides what the caller may see. In development mode the service needs no token.
"use strict";

window.ReplyCoachAuth = (() => {
  const TOKEN = "replycoach.dashboard.token";
  const PENDING = "replycoach.dashboard.pkce";
  let config = null;

  const base64Url = (bytes) =>
    btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

  const randomString = (length) => base64Url(crypto.getRandomValues(new Uint8Array(length)));

  const endpoint = (name) => config.authority.replace(/\/v2\.0\/?$/, "") + "/oauth2/v2.0/" + name;

  const redirectUri = () => window.location.origin + "/dashboard/";

  async function loadConfig() {
    if (!config) {
      const response = await fetch("/api/v1/audit/config", { headers: { Accept: "application/json" } });
      if (!response.ok) {
        throw new Error("The service did not answer (" + response.status + ").");
      }
      config = await response.json();
    }
    return config;
  }

  function storedToken() {
    try {
      const saved = JSON.parse(sessionStorage.getItem(TOKEN) || "null");
      if (saved && saved.token && saved.expiresAt > Date.now() + 60000) {
        return saved.token;
      }
    } catch {
      // A damaged entry is the same as none.
    }
    sessionStorage.removeItem(TOKEN);
    return null;
  }

  async function signIn() {
    await loadConfig();
    const verifier = randomString(48);
    const challenge = base64Url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
    const state = randomString(16);
    sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, back: window.location.hash }));
    const query = new URLSearchParams({
      client_id: config.clientId,
      response_type: "code",
      redirect_uri: redirectUri(),
      response_mode: "query",
      scope: config.scope + " openid profile",
      code_challenge: challenge,
      code_challenge_method: "S256",
      state,
      prompt: "select_account",
    });
    window.location.assign(endpoint("authorize") + "?" + query.toString());
  }

  // Back from the sign-in page: trade the code for a token, then clean the address bar.
  async function completeSignIn() {
    const params = new URLSearchParams(window.location.search);
    if (!params.has("code") && !params.has("error")) {
      return;
    }
    const pending = JSON.parse(sessionStorage.getItem(PENDING) || "null");
    sessionStorage.removeItem(PENDING);
    window.history.replaceState(null, "", "/dashboard/" + (pending && pending.back ? pending.back : ""));
    if (params.has("error")) {
      throw new Error("Sign-in did not complete: " + (params.get("error_description") || params.get("error")));
    }
    if (!pending || pending.state !== params.get("state")) {
      throw new Error("Sign-in did not complete (the answer did not match this tab's request). Try again.");
    }
    const body = new URLSearchParams({
      client_id: config.clientId,
      grant_type: "authorization_code",
      code: params.get("code"),
      redirect_uri: redirectUri(),
      code_verifier: pending.verifier,
      scope: config.scope,
    });
    const response = await fetch(endpoint("token"), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body,
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok || !answer.access_token) {
      throw new Error("Sign-in did not complete: " + (answer.error_description || answer.error || response.status));
    }
    sessionStorage.setItem(TOKEN, JSON.stringify({
      token: answer.access_token,
      expiresAt: Date.now() + (Number(answer.expires_in) || 3600) * 1000,
    }));
  }

  return {
    // Null when the user must sign in first; "" in development mode (no token needed).
    async token() {
      await loadConfig();
      if (config.developmentMode) {
        return "";
      }
      await completeSignIn();
      return storedToken();
    },
    signIn,
    signOut() {
      sessionStorage.removeItem(TOKEN);
      window.location.assign("/dashboard/");
    },
    get developmentMode() {
      return !!(config && config.developmentMode);
    },
  };
})();
