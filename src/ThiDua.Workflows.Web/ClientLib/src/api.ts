// The designer's calls to /api/designer. Writes carry the page's antiforgery token; errors come back as
// ProblemDetails whose Vietnamese detail and named problems are shown to the person as they are.
import type { Catalog, DefinitionChanges, DesignerDocument, ElsaDefinition, Problem, TrialResult } from './types';

export class ApiError extends Error {
  constructor(message: string, public status: number, public problems: Problem[] = []) { super(message); }
}

export class DesignerApi {
  constructor(private antiforgery: string, private base = '/api/designer') {}

  catalog(): Promise<Catalog> { return this.get('/activities'); }

  open(definitionId: string): Promise<DesignerDocument> { return this.get(`/definitions/${enc(definitionId)}`); }

  saveDraft(definitionId: string, definition: ElsaDefinition, revision: number, baseVersion: number, keepalive = false):
    Promise<{ revision: number; problems: Problem[] }> {
    return this.send('PUT', `/definitions/${enc(definitionId)}/draft`, { definition, revision, baseVersion }, keepalive);
  }

  check(definitionId: string, definition: ElsaDefinition): Promise<{ problems: Problem[] }> {
    return this.send('POST', `/definitions/${enc(definitionId)}/check`, { definition });
  }

  publish(definitionId: string): Promise<{ version: number }> { return this.send('POST', `/definitions/${enc(definitionId)}/publish`); }

  retract(definitionId: string): Promise<void> { return this.send('POST', `/definitions/${enc(definitionId)}/retract`); }

  revert(definitionId: string, version: number): Promise<{ revision: number; problems: Problem[] }> {
    return this.send('POST', `/definitions/${enc(definitionId)}/revert/${version}`);
  }

  discard(definitionId: string): Promise<void> { return this.send('DELETE', `/definitions/${enc(definitionId)}/draft`); }

  version(definitionId: string, version: number): Promise<ElsaDefinition> { return this.get(`/definitions/${enc(definitionId)}/versions/${version}`); }

  diff(definitionId: string, from: number, to: number, layout: boolean): Promise<DefinitionChanges> {
    return this.get(`/definitions/${enc(definitionId)}/diff?from=${from}&to=${to}&layout=${layout}`);
  }

  startInstance(definitionId: string, input: unknown): Promise<{ instanceId: string }> {
    return this.send('POST', `/definitions/${enc(definitionId)}/start`, { input });
  }

  trial(definitionId: string, definition: ElsaDefinition, input: unknown, outcomes: Record<string, string>): Promise<TrialResult> {
    return this.send('POST', `/definitions/${enc(definitionId)}/try`, { definition, input, outcomes });
  }

  private async get<T>(path: string): Promise<T> {
    const response = await fetch(this.base + path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    return read<T>(response);
  }

  private async send<T>(method: string, path: string, body?: unknown, keepalive = false): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json', RequestVerificationToken: this.antiforgery };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(this.base + path, {
      method, headers, credentials: 'same-origin', keepalive,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return read<T>(response);
  }
}

async function read<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const json = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const message = json?.detail || json?.title || `Máy chủ trả lời lỗi ${response.status}.`;
    throw new ApiError(response.status === 403 ? 'Anh/chị không có quyền thiết kế quy trình.' : message, response.status, json?.problems ?? []);
  }
  return json as T;
}

const enc = encodeURIComponent;
