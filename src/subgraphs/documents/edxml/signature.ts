/**
 * XML-DSig on edXML messages: the enveloped signature in edXMLHeader (QCVN 102:2016), checked and made
 * with xml-crypto (the maintained XML-DSig implementation of the node-saml project), the Signature
 * located with @xmldom/xmldom.
 *
 * A verdict of VALID means: exactly one signature, over the whole message (Reference URI="" with the
 * enveloped-signature transform), whose digest and value check out against the X.509 certificate it
 * carries, that certificate being within its validity period. Whether the certificate was issued by a
 * trusted authority (the government CA) is not checked: the hub has no trust list yet.
 */
import { X509Certificate } from 'node:crypto';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { EDXML_NAMESPACE } from './model';

export type SignatureVerdict = 'UNSIGNED' | 'VALID' | 'INVALID';

export interface SignatureCheck {
  verdict: SignatureVerdict;
  /** Subject of the certificate the signature carries, e.g. "CN=Văn thư UBND tỉnh Nghệ An, O=UBND, C=VN". */
  signerSubject: string | null;
  /** Why the verdict is INVALID. */
  problem: string | null;
}

export interface SigningKey {
  /** PEM private key. */
  privateKey: string | Buffer;
  /** PEM certificate of that key, embedded in KeyInfo. */
  certificate: string | Buffer;
}

const DSIG_NAMESPACE = 'http://www.w3.org/2000/09/xmldsig#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const C14N = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';
/** Where the signature goes: edXML/edXMLEnvelope/edXMLHeader, whatever the prefixes. */
const HEADER_XPATH = `/*[local-name()='edXML']/*[local-name()='edXMLEnvelope']/*[local-name()='edXMLHeader']`;
/** Clocks of the signing system and the hub disagree a little; a certificate issued a minute ago is not "not yet valid". */
const CLOCK_SKEW_MS = 5 * 60_000;

function invalid(problem: string, signerSubject: string | null = null): SignatureCheck {
  return { verdict: 'INVALID', signerSubject, problem };
}

/** "CN=…\nO=…" → "CN=…, O=…". */
function subjectOf(certificate: X509Certificate): string {
  return certificate.subject.split('\n').join(', ');
}

function certificateOf(signature: Element): X509Certificate | string {
  const element = signature.getElementsByTagNameNS(DSIG_NAMESPACE, 'X509Certificate')[0];
  const base64 = element?.textContent?.replace(/\s+/g, '') ?? '';
  if (!base64) return 'the signature carries no KeyInfo/X509Data/X509Certificate';
  try {
    return new X509Certificate(Buffer.from(base64, 'base64'));
  } catch {
    return 'the X509Certificate of the signature is not a readable certificate';
  }
}

/** Checks the signature of an edXML message (already parsed and found well-formed by parse.ts) at `now`. */
export function verifyEdxmlSignature(xml: string, now: Date): SignatureCheck {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const all = Array.from(doc.getElementsByTagNameNS('*', 'Signature'));
  if (all.length === 0) return { verdict: 'UNSIGNED', signerSubject: null, problem: null };
  const signatures = all.filter((s) => s.namespaceURI === DSIG_NAMESPACE);
  if (signatures.length === 0) return invalid(`the Signature element is not in the XML-DSig namespace ${DSIG_NAMESPACE}`);
  if (signatures.length > 1) return invalid('a message may carry one signature only');
  const [signature] = signatures;
  const parent = signature.parentNode as Element | null;
  if (parent?.localName !== 'edXMLHeader' || parent.namespaceURI !== EDXML_NAMESPACE) return invalid('the signature must sit in edXMLHeader');

  const certificate = certificateOf(signature);
  if (typeof certificate === 'string') return invalid(certificate);
  const signerSubject = subjectOf(certificate);
  const from = new Date(certificate.validFrom).getTime() - CLOCK_SKEW_MS;
  const to = new Date(certificate.validTo).getTime() + CLOCK_SKEW_MS;
  if (now.getTime() < from || now.getTime() > to) {
    return invalid(`the certificate is valid from ${certificate.validFrom} to ${certificate.validTo}, not at ${now.toISOString()}`, signerSubject);
  }

  // The key comes from the certificate read above (xml-crypto's default ignores KeyInfo, on purpose).
  const signed = new SignedXml({ publicCert: certificate.toString() });
  try {
    signed.loadSignature(signature.toString());
    // Anything less than the whole message would let unsigned parts through.
    const partial = signed.getReferences().some((r) => r.uri !== '' || !r.transforms.includes(ENVELOPED));
    if (partial) return invalid('the signature must cover the whole message (Reference URI="" with the enveloped-signature transform)', signerSubject);
    if (!signed.checkSignature(xml)) return invalid('the message was changed after it was signed (digest mismatch)', signerSubject);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/signature value/.test(message)) return invalid('the signature was not made with the key of the certificate it carries', signerSubject);
    return invalid(`the signature cannot be checked: ${message.slice(0, 200)}`, signerSubject);
  }
  return { verdict: 'VALID', signerSubject, problem: null };
}

/** Signs an edXML message (RSA-SHA256, C14N, enveloped, over the whole message) and returns it with the Signature in edXMLHeader. */
export function signEdxml(xml: string, key: SigningKey): string {
  const signer = new SignedXml({
    privateKey: key.privateKey,
    publicCert: key.certificate,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: C14N,
  });
  signer.addReference({
    xpath: '/*',
    uri: '',
    isEmptyUri: true,
    transforms: [ENVELOPED, C14N],
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
  });
  signer.computeSignature(xml, { location: { reference: HEADER_XPATH, action: 'append' } });
  return signer.getSignedXml();
}
