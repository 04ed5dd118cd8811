/**
 * Process viewpoint — a trustworthy-looking company or product name without a valid signature: version
 * info can be faked, the signature cannot ("Adobe Systems Incorporated" on an unsigned file). Also a
 * valid signature by someone other than the vendor the version info names. Decided only when the
 * image's signature is known (Sysmon 7 of the image itself, or the EDR's code-signature fields).
 * Input: a process. Output: at most one hit.
 */
import {
  type DetectionContext,
  identityEvidence,
  type ProcessDetector,
  type ProcessHit,
} from "./process-detector.js";
import { type ProcessInfo, processName } from "./process-node.js";

/** The first trusted vendor word found (as a whole word, any case) in `texts`, or undefined. */
export function trustedVendorIn(
  vendors: readonly string[],
  ...texts: (string | undefined)[]
): string | undefined {
  for (const text of texts) {
    if (!text) continue;
    const t = text.toLowerCase();
    for (const v of vendors) {
      const i = t.indexOf(v);
      if (i < 0) continue;
      const before = i === 0 ? "" : t[i - 1];
      const after = t[i + v.length] ?? "";
      if (!/[a-z0-9]/.test(before) && !/[a-z0-9]/.test(after)) return v;
    }
  }
  return undefined;
}

function detect(p: ProcessInfo, ctx: DetectionContext): ProcessHit[] {
  const m = p.metadata;
  const vendor = trustedVendorIn(ctx.options.trustedVendors, m.company, m.product);
  if (!vendor || p.signature.state === "unknown") return [];
  const evidence = identityEvidence(p, ctx);
  if (p.signature.evidence) evidence.push(p.signature.evidence);
  if (evidence.length === 0) return [];
  const shown = processName(p);
  const claim = [m.company, m.product].filter((s) => s !== undefined).join(" / ");
  const details = {
    image: p.image ?? null,
    vendor,
    company: m.company ?? null,
    product: m.product ?? null,
    signature: p.signature.state,
    signer: p.signature.signer ?? null,
    signatureStatus: p.signature.status ?? null,
  };
  if (p.signature.state === "valid") {
    const signer = p.signature.signer;
    if (!signer || trustedVendorIn([vendor], signer)) return [];
    return [
      {
        detector: "process.signer-mismatch",
        severity: "low",
        confidence: 0.3,
        stage: "installation",
        attack: ["T1036"],
        evidence,
        message: {
          en: `${shown} claims to be from ${claim} but is signed by ${signer}.`,
          ja: `${shown} は ${claim} の製品を名乗っていますが、署名者は ${signer} です。`,
        },
        details,
      },
    ];
  }
  const unsigned = p.signature.state === "unsigned";
  return [
    {
      detector: "process.unsigned-trusted-metadata",
      severity: "high",
      confidence: unsigned ? 0.8 : 0.7,
      stage: "installation",
      attack: unsigned ? ["T1036"] : ["T1036.001"],
      evidence,
      message: {
        en: `${shown} claims to be from ${claim} but ${unsigned ? "has no digital signature" : `its signature is not valid (${p.signature.status ?? "invalid"})`}.`,
        ja: `${shown} は ${claim} の製品を名乗っていますが、${unsigned ? "デジタル署名がありません" : `署名が有効ではありません（${p.signature.status ?? "無効"}）`}。`,
      },
      details,
    },
  ];
}

export const unsignedTrustedDetector: ProcessDetector = { id: "process.unsigned-trusted", detect };
