// What the server's designer API answers (camelCase JSON of the C# records in Designer/).

export interface Choice { value: string; label: string }

export interface PaletteInput {
  name: string;
  label: string;
  help?: string | null;
  /** text, multiline, number, workingDays, date, role, choice, list, numbers, bool, duration, datetime, json, outcomes */
  kind: string;
  typeName: string;
  required: boolean;
  choices?: Choice[] | null;
  advanced: boolean;
}

export interface PaletteActivity {
  type: string;
  group: 'work' | 'branch' | 'advanced';
  label: string;
  description?: string | null;
  icon: string;
  category?: string | null;
  outcomes: Choice[];
  outcomesFrom?: string | null;
  inputs: PaletteInput[];
  /** Keys a new node of this type starts with (a sub-workflow's definition and version). */
  properties?: Record<string, unknown> | null;
}

export interface Catalog { activities: PaletteActivity[]; outcomeLabels: Record<string, string> }

export interface Problem {
  code: string;
  message: string;
  activityId?: string | null;
  field?: string | null;
  port?: string | null;
  detail?: string | null;
}

export interface VersionRow { version: number; createdAt: string; createdBy?: string | null; createdByName?: string | null; isPublished: boolean; running: number }

export interface DesignerDocument {
  definitionId: string;
  name?: string | null;
  json: ElsaDefinition;
  isDraft: boolean;
  draftRevision: number;
  baseVersion: number;
  publishedVersion?: number | null;
  versions: VersionRow[];
}

export interface DefinitionChanges {
  added: string[]; removed: string[]; changed: string[]; moved: string[];
  connectionsAdded: string[]; connectionsRemoved: string[];
}

export interface TrialStep { sequence: number; activityId: string; event: string; outcomes: string[] }

export interface TrialResult {
  status: string; fault?: string | null; steps: TrialStep[]; visited: string[]; taken: string[]; waiting: string[]; lines: string[];
}

/** An Elsa 3 activity object: reserved keys typed, every other key kept as it came. */
export interface ElsaActivity {
  id: string;
  type: string;
  version?: number;
  name?: string | null;
  metadata?: { displayText?: string; designer?: { position?: { x: number; y: number }; size?: unknown; [k: string]: unknown }; [k: string]: unknown } | null;
  [key: string]: unknown;
}

export interface ElsaConnection {
  source: { activity: string; port?: string | null };
  target: { activity: string; port?: string | null };
  [key: string]: unknown;
}

export interface ElsaDefinition {
  id?: string;
  definitionId?: string;
  name?: string | null;
  description?: string | null;
  version?: number;
  variables?: Array<{ id?: string; name: string; typeName?: string; value?: unknown; [k: string]: unknown }>;
  inputs?: Array<{ name: string; type?: string; displayName?: string; [k: string]: unknown }>;
  root: { id?: string; type: string; activities?: ElsaActivity[]; connections?: ElsaConnection[]; [k: string]: unknown };
  [key: string]: unknown;
}
