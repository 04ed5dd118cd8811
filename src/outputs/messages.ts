/**
 * The words of terminal reports, in English and Japanese. Input: a language and a message key.
 * Output: the text. Diagnostics messages stay in English (they come from library code and are
 * searchable by their stable code); headings and labels of reports are translated here.
 */
import type { Language } from "../config/config.js";

const EN = {
  files: "Files",
  fileCount: "files",
  file: "file",
  format: "format",
  records: "records",
  events: "events",
  bytes: "bytes",
  first: "first",
  last: "last",
  status: "status",
  overall: "Overall",
  timeRange: "time range",
  withoutTime: "events without time",
  hosts: "Hosts",
  host: "host",
  channels: "Channels",
  channel: "channel",
  eventIds: "Event IDs",
  eventId: "event id",
  count: "count",
  problems: "Problems",
  code: "code",
  none: "none",
  others: "(others)",
  unknown: "(unknown)",
  distinct: "distinct",
  more: "more",
  errors: "errors",
  warnings: "warnings",
  byFormat: "by format",
  unknownFormat: "unknown format",
  failed: "failed",
  read: "read",
  notRequested: "not requested",
  summary: "Summary",
  noEvents: "no events",
} as const;

/** A message key. */
export type MessageKey = keyof typeof EN;

const JA: Readonly<Record<MessageKey, string>> = {
  files: "ファイル",
  fileCount: "ファイル数",
  file: "ファイル",
  format: "形式",
  records: "レコード",
  events: "イベント",
  bytes: "バイト",
  first: "最初",
  last: "最後",
  status: "状態",
  overall: "全体",
  timeRange: "期間",
  withoutTime: "時刻のないイベント",
  hosts: "ホスト",
  host: "ホスト",
  channels: "チャネル",
  channel: "チャネル",
  eventIds: "イベントID",
  eventId: "イベントID",
  count: "件数",
  problems: "問題",
  code: "コード",
  none: "なし",
  others: "(その他)",
  unknown: "(不明)",
  distinct: "種類",
  more: "件 省略",
  errors: "エラー",
  warnings: "警告",
  byFormat: "形式別",
  unknownFormat: "形式不明",
  failed: "失敗",
  read: "読込済",
  notRequested: "対象外",
  summary: "概要",
  noEvents: "イベントなし",
};

const CATALOG: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = { en: EN, ja: JA };

/** The text of `key` in `lang`. */
export function message(lang: Language, key: MessageKey): string {
  return CATALOG[lang][key];
}
