/**
 * Interviews (聴取と警告): one action per user of the incident, with concrete questions built from the
 * incident's files, processes and times — did you open the file named X at time T, where did it come
 * from, what did you see, did you enter credentials, did you pass it on — and a warning.
 * Input: IncidentFacts. Output: DraftActions.
 */
import type { LocalizedText } from "../findings/finding.js";
import type { IncidentFile, IncidentProcess, IncidentUser } from "../incidents/incident.js";
import { cleanDetails, type DraftAction, findingUnion } from "./draft-action.js";
import type { IncidentFacts } from "./incident-facts.js";
import { baseName, folderOf, formatTime, listEn, listJa, lt } from "./plan-text.js";

/** The process the user started that began the incident (or their first process of the incident). */
function userFirstProcess(facts: IncidentFacts, user: IncidentUser): IncidentProcess | undefined {
  const own = user.processKeys
    .flatMap((k) => facts.processByKey.get(k) ?? [])
    .filter((p) => p.role !== "launcher");
  const root = own.find((p) => p.role === "root-cause");
  if (root) return root;
  return own.sort((a, b) => (a.start?.ms ?? Infinity) - (b.start?.ms ?? Infinity))[0];
}

/** The file the user opened: the dropper (or the image of their first process). */
function openedFile(facts: IncidentFacts, p: IncidentProcess | undefined): IncidentFile | undefined {
  if (!p?.image) return undefined;
  const image = p.image.toLowerCase();
  return facts.incident.files.find((f) => f.host === p.host && f.path.toLowerCase() === image);
}

/** The concrete questions for one user. */
export function interviewQuestions(facts: IncidentFacts, user: IncidentUser): LocalizedText[] {
  const q: LocalizedText[] = [];
  const p = userFirstProcess(facts, user);
  const host = p?.host ?? user.hosts[0] ?? "";
  const file = openedFile(facts, p);
  const path = p?.image ?? file?.path;
  if (p && path) {
    const name = baseName(path);
    const folder = folderOf(path);
    const at = formatTime(p.start);
    q.push(
      lt(
        `Did you open ${name}${folder ? ` (in ${folder})` : ""} on ${host}${at ? ` at ${at}` : ""}? What were you doing just before?`,
        `${at ? `${at} に ` : ""}${host} で ${name}${folder ? `（${folder}）` : ""} を開きましたか。その直前には何をしていましたか`,
      ),
    );
    q.push(
      lt(
        `Where did ${name} come from: a mail attachment (sender, subject), a web download (which site), a USB stick, a shared folder or a chat message? Do you still have that mail or link?`,
        `${name} はどこから来ましたか。メールの添付（差出人、件名）、Web からのダウンロード（どのサイト）、USB メモリ、共有フォルダー、チャットのいずれですか。そのメールやリンクはまだ残っていますか`,
      ),
    );
    q.push(
      lt(
        `What did you see when you opened ${name}: did a document open, an error, or nothing at all?`,
        `${name} を開いたとき何が表示されましたか。文書が開いた、エラーが出た、何も起きなかった、のどれですか`,
      ),
    );
  }
  const others = facts.incident.processes
    .filter((x) => x.role === "payload" && x.image && x.host === host)
    .map((x) => baseName(x.image ?? ""));
  const c2 = facts.c2.flatMap((d) => (d.domain ? [d.domain] : d.address ? [d.address] : []));
  const unknowns = [...new Set([...others, ...c2])];
  if (unknowns.length > 0)
    q.push(
      lt(
        `Do you know ${listEn(unknowns)}? Did you install or visit ${unknowns.length > 1 ? "any of them" : "it"} on purpose?`,
        `${listJa(unknowns)} に心当たりはありますか。意図してインストールしたり、アクセスしたりしましたか`,
      ),
    );
  if (host)
    q.push(
      lt(
        `Have you noticed anything odd on ${host} since then (slowness, windows flashing, new icons or programs, security warnings)?`,
        `その後 ${host} で何か異変に気づきましたか（動作が遅い、画面が一瞬表示される、見慣れないアイコンやプログラム、セキュリティの警告など）`,
      ),
    );
  q.push(
    lt(
      "Did you type your password or other credentials anywhere around that time (a web page, a pop-up, a document asking to sign in)?",
      "その頃、どこかでパスワードなどの認証情報を入力しましたか（Web ページ、ポップアップ、サインインを求める文書など）",
    ),
  );
  q.push(
    lt(
      "Did you forward the file or link to anyone, or open it on another computer?",
      "そのファイルやリンクを誰かに転送したり、別のコンピューターで開いたりしましたか",
    ),
  );
  if (user.credentialsAtRisk)
    q.push(
      lt(
        `On which other computers and systems do you use ${user.name}? Do you use the same password anywhere else?`,
        `${user.name} を他のどのコンピューターやシステムで使っていますか。同じパスワードを他で使っていませんか`,
      ),
    );
  return q;
}

/** interview-user: each user of the incident (priority 1 when suspicious: it decides the verdict). */
export function interviewActions(facts: IncidentFacts): DraftAction[] {
  return facts.incident.users.map((user) => {
    const p = userFirstProcess(facts, user);
    const name = p?.image ? baseName(p.image) : undefined;
    const hosts = [...user.hosts].sort();
    const about = name ? ` about ${name}` : "";
    const aboutJa = name ? ` ${name} について` : "";
    return {
      kind: "interview-user",
      category: "organisational",
      priority: facts.malicious ? 2 : 1,
      host: hosts[0],
      target: user.name,
      details: cleanDetails({
        user: user.name,
        hosts: hosts.join(", "),
        file: p?.image,
        started: p?.start?.iso,
        credentialsAtRisk: user.credentialsAtRisk ? "true" : "false",
      }),
      text: lt(
        `Interview ${user.name} (${listEn(hosts)})${about}, and warn them not to open similar files and to report anything odd`,
        `${user.name}（${listJa(hosts)}）に${aboutJa}聴取し、同様のファイルを開かないこと、異変があれば報告することを注意喚起してください`,
      ),
      reason: lt(
        name
          ? `${name} ran under this account${p?.start ? ` at ${formatTime(p.start)}` : ""}`
          : "this account ran processes of the incident",
        name
          ? `${name} がこのアカウントで実行されました${p?.start ? `（${formatTime(p.start)}）` : ""}`
          : "このアカウントでインシデントのプロセスが実行されました",
      ),
      findings: findingUnion(user.findings),
      points: interviewQuestions(facts, user),
    } satisfies DraftAction;
  });
}
