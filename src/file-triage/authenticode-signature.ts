/**
 * Authenticode signature verification of a PE file. Input: a ByteSource and its PeHeaders. Output: an
 * AuthenticodeResult — unsigned, malformed (with the reason), or signed with: signer subject/issuer,
 * the certificate chain found in the signature's own bundle, the signing time attribute, whether the
 * digest embedded in SpcIndirectDataContent equals the file's Authenticode hash (a signature copied from
 * another file fails here), and whether the signer's signature over the signed attributes verifies.
 * Chain trust uses no OS store: `chainsToBundleRoot` says only that the chain ends in a self-signed
 * root that is inside the signature. PKCS#7 is parsed with pkijs/asn1js, loaded lazily; the digest and
 * signature checks use node:crypto (pkijs' own verify hashes the whole eContent, which is not what
 * Authenticode signs).
 */
import { createHash, verify as verifySignature, X509Certificate } from "node:crypto";
import type { ByteSource } from "./byte-source.js";
import {
  computeAuthenticodeHash,
  readWinCertificates,
  WIN_CERT_TYPE_PKCS_SIGNED_DATA,
} from "./authenticode-hash.js";
import type { PeHeaders } from "./pe-headers.js";

const OID = {
  signedData: "1.2.840.113549.1.7.2",
  spcIndirectData: "1.3.6.1.4.1.311.2.1.4",
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingTime: "1.2.840.113549.1.9.5",
} as const;

const DIGESTS: Readonly<Record<string, string>> = {
  "1.2.840.113549.2.5": "md5",
  "1.3.14.3.2.26": "sha1",
  "2.16.840.1.101.3.4.2.1": "sha256",
  "2.16.840.1.101.3.4.2.2": "sha384",
  "2.16.840.1.101.3.4.2.3": "sha512",
};

const MAX_CHAIN = 10;

/** A certificate as reported. */
export interface CertificateSummary {
  readonly subject: string;
  readonly issuer: string;
  readonly serialNumber: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly sha1: string;
}

/** What the signature says, and whether it holds. */
export type AuthenticodeResult =
  | { readonly status: "unsigned" }
  | { readonly status: "malformed"; readonly reason: string }
  | {
      readonly status: "signed";
      readonly digestAlgorithm: string;
      readonly embeddedDigest: string;
      readonly computedDigest: string;
      /** The embedded digest equals the file's Authenticode hash */
      readonly digestMatches: boolean;
      /** The signer's signature over the signed attributes verifies, and their messageDigest fits */
      readonly signatureValid: boolean;
      /** digestMatches && signatureValid */
      readonly valid: boolean;
      readonly signer: CertificateSummary | undefined;
      /** signer first, then each issuer found in the bundle */
      readonly chain: readonly CertificateSummary[];
      /** The chain ends in a self-signed certificate of the bundle (not an OS trust decision) */
      readonly chainsToBundleRoot: boolean;
      readonly signingTime: string | undefined;
      readonly problems: readonly string[];
    };

function summarize(c: X509Certificate): CertificateSummary {
  return {
    subject: c.subject.split("\n").join(", "),
    issuer: c.issuer.split("\n").join(", "),
    serialNumber: c.serialNumber.toLowerCase(),
    notBefore: new Date(c.validFrom).toISOString(),
    notAfter: new Date(c.validTo).toISOString(),
    sha1: c.fingerprint.replaceAll(":", "").toLowerCase(),
  };
}

/** The content octets of a DER TLV (what Authenticode's messageDigest covers). */
function contentOctets(der: Uint8Array): Uint8Array {
  const first = der[1] ?? 0;
  const header = first < 0x80 ? 2 : 2 + (first & 0x7f);
  return der.subarray(header);
}

/** Follows issuers through the bundle from `leaf`; bounded by MAX_CHAIN. */
function buildChain(leaf: X509Certificate, bundle: readonly X509Certificate[]) {
  const chain = [leaf];
  let current = leaf;
  for (let i = 0; i < MAX_CHAIN; i++) {
    if (current.checkIssued(current) && current.verify(current.publicKey)) return { chain, root: true };
    const issuer = bundle.find(
      (c) => !chain.includes(c) && current.checkIssued(c) && current.verify(c.publicKey),
    );
    if (!issuer) break;
    chain.push(issuer);
    current = issuer;
  }
  return { chain, root: false };
}

/** Verifies the Authenticode signature of a PE file. */
export async function verifyAuthenticode(
  source: ByteSource,
  headers: PeHeaders,
  file?: string,
): Promise<AuthenticodeResult> {
  const entries = await readWinCertificates(source, headers, file);
  if (entries.length === 0) return { status: "unsigned" };
  const entry = entries.find((e) => e.type === WIN_CERT_TYPE_PKCS_SIGNED_DATA);
  if (!entry) return { status: "malformed", reason: "no PKCS#7 SignedData entry in the certificate table" };
  const [asn1js, pkijs] = await Promise.all([import("asn1js"), import("pkijs")]);
  try {
    const parsed = asn1js.fromBER(entry.data);
    if (parsed.offset === -1) return { status: "malformed", reason: `not DER: ${parsed.result.error}` };
    const info = new pkijs.ContentInfo({ schema: parsed.result });
    if (info.contentType !== OID.signedData) {
      return { status: "malformed", reason: `content type ${info.contentType} is not SignedData` };
    }
    const signed = new pkijs.SignedData({ schema: info.content });
    const encap = signed.encapContentInfo;
    if (encap.eContentType !== OID.spcIndirectData || !encap.eContent) {
      return { status: "malformed", reason: `content ${encap.eContentType} is not SpcIndirectDataContent` };
    }
    const spcDer = new Uint8Array(encap.eContent.valueBeforeDecodeView);
    const spc = asn1js.fromBER(spcDer).result;
    const digestInfo = spc instanceof asn1js.Sequence ? spc.valueBlock.value[1] : undefined;
    const parts = digestInfo instanceof asn1js.Sequence ? digestInfo.valueBlock.value : [];
    const [algorithmSeq, digestOctets] = parts;
    const algorithmOid =
      algorithmSeq instanceof asn1js.Sequence &&
      algorithmSeq.valueBlock.value[0] instanceof asn1js.ObjectIdentifier
        ? algorithmSeq.valueBlock.value[0].valueBlock.toString()
        : "";
    const algorithm = DIGESTS[algorithmOid];
    if (!algorithm || !(digestOctets instanceof asn1js.OctetString)) {
      return {
        status: "malformed",
        reason: `SpcIndirectDataContent digest unreadable (algorithm "${algorithmOid}")`,
      };
    }
    const embedded = Buffer.from(digestOctets.valueBlock.valueHexView);
    const computed = await computeAuthenticodeHash(source, headers, algorithm);
    const problems: string[] = [];
    const digestMatches = embedded.equals(computed);
    if (!digestMatches)
      problems.push(
        "the embedded digest does not match the file (modified after signing, or a copied signature)",
      );

    const bundle: X509Certificate[] = [];
    const pkiCerts: InstanceType<typeof pkijs.Certificate>[] = [];
    for (const c of signed.certificates ?? []) {
      if (!(c instanceof pkijs.Certificate)) continue;
      pkiCerts.push(c);
      bundle.push(new X509Certificate(Buffer.from(c.toSchema().toBER(false))));
    }
    const signerInfo = signed.signerInfos[0];
    let signatureValid = false;
    let signer: X509Certificate | undefined;
    let signingTime: string | undefined;
    if (!signerInfo) problems.push("no signer info");
    else {
      const sid = signerInfo.sid;
      const index =
        sid instanceof pkijs.IssuerAndSerialNumber
          ? pkiCerts.findIndex(
              (c) => c.serialNumber.isEqual(sid.serialNumber) && c.issuer.isEqual(sid.issuer),
            )
          : -1;
      signer = index === -1 ? undefined : bundle[index];
      if (!signer) problems.push("the signer's certificate is not in the signature");
      const attrs = signerInfo.signedAttrs;
      const signerDigest = DIGESTS[signerInfo.digestAlgorithm.algorithmId];
      if (!attrs) problems.push("no signed attributes");
      else if (!signerDigest)
        problems.push(`unsupported signer digest ${signerInfo.digestAlgorithm.algorithmId}`);
      else {
        const value = (oid: string) => attrs.attributes.find((a) => a.type === oid)?.values[0];
        const md = value(OID.messageDigest);
        const expected = createHash(signerDigest).update(contentOctets(spcDer)).digest();
        const mdMatches =
          md instanceof asn1js.OctetString && expected.equals(Buffer.from(md.valueBlock.valueHexView));
        if (!mdMatches) problems.push("the messageDigest attribute does not match the signed content");
        const time = value(OID.signingTime);
        if (time instanceof asn1js.UTCTime || time instanceof asn1js.GeneralizedTime) {
          signingTime = time.toDate().toISOString();
        }
        const sigOk =
          signer !== undefined &&
          verifySignature(
            signerDigest,
            Buffer.from(attrs.encodedValue),
            signer.publicKey,
            Buffer.from(signerInfo.signature.valueBlock.valueHexView),
          );
        if (signer && !sigOk)
          problems.push("the signer's signature over the signed attributes does not verify");
        signatureValid = mdMatches && sigOk;
      }
    }
    const { chain, root } = signer ? buildChain(signer, bundle) : { chain: [], root: false };
    if (signer && !root) problems.push("the chain does not reach a self-signed root inside the signature");
    return {
      status: "signed",
      digestAlgorithm: algorithm,
      embeddedDigest: embedded.toString("hex"),
      computedDigest: computed.toString("hex"),
      digestMatches,
      signatureValid,
      valid: digestMatches && signatureValid,
      signer: signer ? summarize(signer) : undefined,
      chain: chain.map(summarize),
      chainsToBundleRoot: root,
      signingTime,
      problems,
    };
  } catch (e) {
    return {
      status: "malformed",
      reason: `PKCS#7 unreadable: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}
