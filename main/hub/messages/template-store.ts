/**
 * The clinic's message texts (hub-only, beside the outbox and the provider's keys): one row per
 * kind and language, the text and, optionally, the provider's approved template noted to be
 * checked. No rows: the standard texts (DEFAULT_TEMPLATES). A save writes all eight rows in one
 * statement; "back to standard" deletes them in one. The provider's template codes stay with its
 * keys (hub_sms_providers, `template.<kind>[.<language>]`): one place for them.
 */
import type { Big, Sql } from '../log-rows';
import { defaultTemplateSet, type TemplateSet } from './template-rules';
import { MESSAGE_KINDS, MESSAGE_LANGUAGES, type MessageKind, type MessageLanguage } from './templates';

export const TEMPLATES_DDL = `
CREATE TABLE IF NOT EXISTS hub_message_templates (
  kind text NOT NULL,
  language text NOT NULL,
  body text NOT NULL,
  provider_text text,
  updated_at bigint NOT NULL,
  updated_by text NOT NULL,
  PRIMARY KEY (kind, language)
);
`;

export interface SavedTemplates { set: TemplateSet; updatedAt: number | null; updatedBy: string | null }

export class TemplateStore {
  constructor(private readonly sql: Sql) {}

  /** The texts in use: the saved ones, the standard ones where none is saved. */
  async current(): Promise<SavedTemplates> {
    const rows = (await this.sql.query<{ kind: string; language: string; body: string; provider_text: string | null; updated_at: Big; updated_by: string }>(
      'SELECT kind, language, body, provider_text, updated_at, updated_by FROM hub_message_templates')).rows;
    const set = defaultTemplateSet();
    let updatedAt: number | null = null;
    let updatedBy: string | null = null;
    for (const r of rows) {
      if (!(MESSAGE_KINDS as readonly string[]).includes(r.kind) || !(MESSAGE_LANGUAGES as readonly string[]).includes(r.language)) continue;
      set[r.kind as MessageKind][r.language as MessageLanguage] = { text: r.body, provider: r.provider_text };
      if (updatedAt === null || Number(r.updated_at) > updatedAt) [updatedAt, updatedBy] = [Number(r.updated_at), r.updated_by];
    }
    return { set, updatedAt, updatedBy };
  }

  /** The texts of each kind and language, for the outbox. */
  async texts(): Promise<Record<MessageKind, Record<MessageLanguage, string>>> {
    const { set } = await this.current();
    return Object.fromEntries(MESSAGE_KINDS.map((k) => [k, { 'zh-CN': set[k]['zh-CN'].text, en: set[k].en.text }])) as Record<MessageKind, Record<MessageLanguage, string>>;
  }

  /** Saves a whole set (checked before), in one statement. */
  async save(set: TemplateSet, by: string, at: number): Promise<void> {
    const rows = MESSAGE_KINDS.flatMap((kind) => MESSAGE_LANGUAGES.map((language) => ({ kind, language, body: set[kind][language].text, provider_text: set[kind][language].provider })));
    await this.sql.query(`INSERT INTO hub_message_templates (kind, language, body, provider_text, updated_at, updated_by)
      SELECT x.kind, x.language, x.body, x.provider_text, $2, $3 FROM jsonb_to_recordset($1::jsonb) AS x(kind text, language text, body text, provider_text text)
      ON CONFLICT (kind, language) DO UPDATE SET body = excluded.body, provider_text = excluded.provider_text, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    [JSON.stringify(rows), at, by]);
  }

  /** Back to the standard texts. */
  async reset(): Promise<void> {
    await this.sql.query('DELETE FROM hub_message_templates');
  }
}
