/**
 * The app's own settings, one JSON file in the user's config folder (Electron's userData, or
 * $XDG_CONFIG_HOME/loupe in browser mode). Written atomically so a crash never leaves half a file;
 * an unreadable file is set aside, not fatal.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const settingsSchema = z.object({
  /** Kubeconfig files and folders the user added, after KUBECONFIG / ~/.kube/config in merge order. */
  kubeconfigPaths: z.array(z.string()).default([]),
  /** Contexts where Loupe refuses every write (edits, actions, shells), whatever RBAC allows. */
  readOnlyContexts: z.array(z.string()).default([]),
});

export type Settings = z.infer<typeof settingsSchema>;

export class SettingsStore {
  private readonly file: string;
  private current: Settings;
  private readonly listeners = new Set<(settings: Settings) => void>();

  constructor(
    private readonly dir: string,
    private readonly log: Pick<Console, 'warn'> = console,
  ) {
    this.file = join(dir, 'settings.json');
    this.current = this.read();
  }

  get(): Settings {
    return this.current;
  }

  update(change: Partial<Settings>): Settings {
    this.current = settingsSchema.parse({ ...this.current, ...change });
    mkdirSync(this.dir, { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(this.current, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, this.file);
    for (const listener of this.listeners) listener(this.current);
    return this.current;
  }

  onChange(listener: (settings: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  isReadOnly(context: string): boolean {
    return this.current.readOnlyContexts.includes(context);
  }

  setReadOnly(context: string, readOnly: boolean): void {
    if (this.isReadOnly(context) === readOnly) return;
    const others = this.current.readOnlyContexts.filter((c) => c !== context);
    this.update({ readOnlyContexts: readOnly ? [...others, context].sort() : others });
  }

  private read(): Settings {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return settingsSchema.parse({});
    }
    const parsed = settingsSchema.safeParse(safeJson(text));
    if (parsed.success) return parsed.data;
    const aside = `${this.file}.broken-${Date.now()}`;
    this.log.warn(`loupe: ${this.file} is not valid settings (${parsed.error.issues[0]?.message}); moved it to ${aside} and started afresh`);
    try {
      renameSync(this.file, aside);
    } catch {
      // Read-only folder: carry on with defaults in memory.
    }
    return settingsSchema.parse({});
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Where browser mode keeps settings: $XDG_CONFIG_HOME/loupe, else ~/.config/loupe. */
export function defaultSettingsDir(home: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'loupe');
}
