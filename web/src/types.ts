/** Shapes the dashboard reads from the API (see /openapi.json for the full schemas). */

export type AgentState = 'spawning' | 'running' | 'blocked' | 'suspended' | 'exited' | 'crashed';

export interface Agent {
  pid: number;
  parent: number;
  name: string;
  runtime: string;
  state: AgentState;
  schedClass?: string;
  weight?: number;
  createdAt?: number;
  usage?: { syscalls: number; messagesSent: number; memoryBytes: number; cpuMsTotal: number };
  exit?: { code: number; reason: string; message?: string } | null;
  labels?: Record<string, string>;
}

export interface SystemInfo {
  version: string;
  pid?: number;
  home?: string;
  bootMs: number;
  uptimeMs: number;
  agents: number;
  policy: string;
  auditHead: number;
}

export interface Resource {
  name: string;
  slots: number;
  running: number;
  waiting: number;
}

export interface Stats {
  t: number;
  cpu: { process: number; host: number };
  memory: { rssBytes: number; heapUsedBytes: number };
  agents: Record<string, number>;
  ipc: { messages: number; bytes: number; messagesPerSec: number; bytesPerSec: number };
  resources: Resource[];
  auditHead: number;
}

export interface SchedEvent {
  t: number;
  type: 'submit' | 'start' | 'complete' | 'cancel' | 'requeue';
  id: number;
  pid: number;
  resource: string;
  cost: number;
  waitMs?: number;
  runMs?: number;
}

export interface AuditEntry {
  seq: number;
  t: number;
  kind: string;
  pid: number;
  what: string;
  ok: boolean;
  code?: string;
  detail?: Record<string, unknown>;
}

export interface VerifyReport {
  ok: boolean;
  entries: number;
  /** Seals (signed entries) checked. */
  seals: number;
  headSeq: number;
  /** Seq of the last seal; entries after it are chained but unsigned. */
  sealedSeq: number;
  unsealed: number;
  firstBad?: { seq: number; line: number; reason: string };
  ms: number;
}

export interface PlanStep {
  id: string;
  tool: string;
  action: string;
  args: Record<string, unknown>;
  risk: number;
  why?: string;
  preview: { summary: string; paths: string[]; bytes: number; irreversible?: string; target?: string };
}

export interface Plan {
  id: string;
  request: string;
  goal: string;
  steps: PlanStep[];
  requiresConfirmation: boolean;
  clarify?: string;
  suggestions?: string[];
  source: string;
}

export interface Outcome {
  id: string;
  ok: boolean;
  results: { stepId: string; ok: boolean; output: unknown; error?: string }[];
  undoId?: string;
  /** Ids of the steps that ran. */
  ranSteps: string[];
}

export interface UndoResult {
  undoId: string;
  restored: string[];
  conflicts: string[];
}

/* memoryd (src/services/memoryd/ops.ts): the result shapes of its operations, mirrored here so the bundle carries no zod. */

export type MemoryKind = 'core' | 'archival' | 'recall';
export type MemoryAccess = 'read' | 'write' | 'admin';
export type SearchMode = 'hybrid' | 'lexical' | 'vector';

export interface Memory {
  id: number;
  namespace: string;
  kind: MemoryKind;
  /** Untrusted: whatever an agent or a person stored. Rendered as text only. */
  text: string;
  metadata: Record<string, unknown>;
  importance: number;
  /** sha256 of the text. */
  hash: string;
  version: number;
  createdAt: number;
  updatedAt: number;
}

export interface MemoryHit extends Memory {
  score: number;
  similarity?: number;
  lexicalRank?: number;
  vectorRank?: number;
}

export interface MemoryLink {
  from: number;
  to: number;
  relation: string;
  weight: number;
}

export interface MemoryNamespace {
  name: string;
  model: string;
  dimension: number;
  count: number;
  bytes: number;
  access: MemoryAccess;
}

/** A core block (src/services/memoryd/blocks.ts): a small named text an agent's LLM calls can be handed. */
export interface CoreBlock {
  id: number;
  namespace: string;
  label: string;
  /** Untrusted, like any memory text. */
  text: string;
  limit: number;
  bytes: number;
  hash: string;
  version: number;
  updatedAt: number;
}

/** Each operation the panel calls: its arguments and its answer. */
export interface MemoryOps {
  namespaces: { args: Record<string, never>; result: { namespaces: MemoryNamespace[] } };
  put: {
    args: { namespace?: string; text: string; kind?: MemoryKind; importance?: number };
    result: Memory;
  };
  search: {
    args: { namespace?: string; query: string; limit?: number; mode?: SearchMode; kinds?: MemoryKind[] };
    result: { hits: MemoryHit[] };
  };
  history: { args: { namespace?: string; id: number }; result: { versions: Memory[] } };
  blocks: { args: { namespace?: string }; result: { blocks: CoreBlock[] } };
  graph: {
    args: { namespace?: string; id: number; depth?: number };
    result: { nodes: Memory[]; links: MemoryLink[] };
  };
}

/** A plan run as the planner shows it (src/services/planner/ops.ts, RunView). */
export interface PlanRun {
  id: string;
  name: string;
  state: string;
  submitter: string;
  createdAt: number;
  updatedAt: number;
  endedAt?: number;
  error?: string;
  parent?: string;
  waiting: { node: string; why: string }[];
  nodes: {
    id: string;
    kind: string;
    state: string;
    attempts: number;
    checkpoint?: number;
    error?: string;
    run?: string;
    args?: unknown;
    output?: unknown;
  }[];
}

/** One line of the planner's `ls`. */
export interface PlanRunLine {
  id: string;
  name: string;
  state: string;
  submitter: string;
  nodes: number;
  done: number;
  waiting: string;
  updatedAt: number;
}

export interface PlanCheckpoint {
  checkpoint: number;
  node: string;
  state: string;
  committedAt: number;
  error?: string;
}

/** The planner's operations the Plans panel calls. */
export interface PlanOps {
  ls: { args: { limit?: number }; result: { runs: PlanRunLine[] } };
  show: { args: { id: string }; result: PlanRun };
  checkpoints: { args: { id: string }; result: { checkpoints: PlanCheckpoint[] } };
  approve: { args: { id: string; node?: string; args?: Record<string, unknown> }; result: PlanRun };
  reject: { args: { id: string; node?: string; reason?: string }; result: PlanRun };
}
