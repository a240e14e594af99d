/**
 * The page's client of the Clinspan HTTP API: JSON in, JSON out, the bearer token when the server
 * asks for one, and errors shown as the server's `{code, message, fix}`.
 */

/** A span as the API sends and receives it. */
export interface SpanJson {
  docId?: string;
  label: string;
  start: number;
  end: number;
  text?: string;
  score?: number;
  attrs?: Record<string, string>;
}

/** An error answer of the API. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly fix: string,
    message: string,
  ) {
    super(message);
  }
}

let token = sessionStorage.getItem("clinspan-token") ?? "";

/**
 * Sets the bearer token sent with every request (kept for this browser tab only).
 *
 * @example
 * setToken("s3cret");
 */
export function setToken(value: string): void {
  token = value;
  sessionStorage.setItem("clinspan-token", value);
}

/**
 * Calls the API: GET without a body, POST with one.
 *
 * @example
 * const health = await api<{ status: string }>("/v1/health");
 */
export async function api<T>(path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const res = await fetch(path, {
    method: body === undefined ? "GET" : "POST",
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json().catch(() => ({}))) as Record<string, string>;
  if (!res.ok) {
    if (res.status === 401) document.getElementById("token-box")!.hidden = false;
    throw new ApiFailure(res.status, json.code ?? "E_HTTP", json.fix ?? "", json.message ?? res.statusText);
  }
  return json as T;
}

/**
 * Shows a message in the header's status line (errors in red, with the server's fix).
 *
 * @example
 * status("Saved 2 files");
 */
export function status(message: string, error?: unknown): void {
  const el = document.getElementById("status")!;
  if (error !== undefined) {
    el.className = "error";
    el.textContent =
      error instanceof ApiFailure
        ? `${error.code}: ${error.message} ${error.fix}`
        : `Error: ${String(error)}`;
  } else {
    el.className = "";
    el.textContent = message;
  }
}

/**
 * Runs an async action, reporting failures in the status line.
 *
 * @example
 * button.addEventListener("click", () => guard(load));
 */
export async function guard(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    status("", error);
  }
}
