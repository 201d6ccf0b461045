import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SignedXml } from 'xml-crypto';
import { parseEdxmlDocument, parseEdxmlStatus } from '../../src/subgraphs/documents/edxml/parse';
import { signEdxml, verifyEdxmlSignature } from '../../src/subgraphs/documents/edxml/signature';
import { validateEdxmlDocument } from '../../src/subgraphs/documents/edxml/validate';
import { makeSigningKey, type TestSigningKey } from '../helpers/certificates';

// Tests run from dist/test/unit; the fixtures stay in the source tree.
const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/edxml');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');
/** The fixture without its placeholder Signature (the platform sample's form, whose values are not real). */
const UNSIGNED = fixture('document.edxml').replace(/\s*<Signature>[\s\S]*<\/Signature>/, '');

let nghean: TestSigningKey;
let other: TestSigningKey;

before(() => {
  nghean = makeSigningKey('Văn thư UBND tỉnh Nghệ An');
  other = makeSigningKey('Văn thư Bộ Tài chính');
});

test('a message signed over the whole envelope verifies, and names the signer', () => {
  const signed = signEdxml(UNSIGNED, nghean);
  assert.deepEqual(verifyEdxmlSignature(signed, new Date()), { verdict: 'VALID', signerSubject: nghean.subject, problem: null });
  const doc = parseEdxmlDocument(signed);
  assert.match(doc.envelope.header.signature ?? '', /^<Signature xmlns="http:\/\/www.w3.org\/2000\/09\/xmldsig#">/);
  assert.deepEqual(validateEdxmlDocument(doc, new Date('2024-06-01T00:00:00Z')), [], 'signing keeps the message valid');
});

test('a status message verifies the same way', () => {
  const signed = signEdxml(fixture('status.edxml'), nghean);
  assert.equal(parseEdxmlStatus(signed).envelope.header.messageStatus.statusCode, '03');
  assert.equal(verifyEdxmlSignature(signed, new Date()).verdict, 'VALID');
});

test('a message changed after signing is INVALID: a header field, an attachment, the status code', () => {
  const signed = signEdxml(UNSIGNED, nghean);
  const tampered = [
    signed.replace('<edXML:Subject>V/v triển khai', '<edXML:Subject>V/v hủy bỏ'),
    signed.replace('JVBERi0xLjQK', 'JVBERi0xLjUK'),
    signed.replace('<edXML:OrganId>000.00.18.G12</edXML:OrganId>', '<edXML:OrganId>000.00.00.H29</edXML:OrganId>'),
  ];
  for (const xml of tampered) {
    assert.notEqual(xml, signed);
    assert.deepEqual(verifyEdxmlSignature(xml, new Date()), {
      verdict: 'INVALID', signerSubject: nghean.subject, problem: 'the message was changed after it was signed (digest mismatch)',
    });
  }
  const status = signEdxml(fixture('status.edxml'), nghean).replace('<edXML:StatusCode>03<', '<edXML:StatusCode>06<');
  assert.equal(verifyEdxmlSignature(status, new Date()).verdict, 'INVALID');
});

test('a signature made with another key than the certificate\'s is INVALID', () => {
  const forged = signEdxml(UNSIGNED, { privateKey: other.privateKey, certificate: nghean.certificate });
  assert.deepEqual(verifyEdxmlSignature(forged, new Date()), {
    verdict: 'INVALID', signerSubject: nghean.subject, problem: 'the signature was not made with the key of the certificate it carries',
  });
});

test('a certificate outside its validity period makes the signature INVALID', () => {
  const signed = signEdxml(UNSIGNED, nghean);
  const check = verifyEdxmlSignature(signed, new Date(Date.now() + 30 * 86_400_000));
  assert.equal(check.verdict, 'INVALID');
  assert.match(check.problem ?? '', /^the certificate is valid from .* to .*, not at /);
});

test('no signature is UNSIGNED; the platform sample\'s unprefixed Signature (edXML namespace) cannot be verified', () => {
  assert.deepEqual(verifyEdxmlSignature(UNSIGNED, new Date()), { verdict: 'UNSIGNED', signerSubject: null, problem: null });
  assert.deepEqual(verifyEdxmlSignature(fixture('document.edxml'), new Date()), {
    verdict: 'INVALID', signerSubject: null, problem: 'the Signature element is not in the XML-DSig namespace http://www.w3.org/2000/09/xmldsig#',
  });
  const noCertificate = fixture('document-extended.edxml');
  assert.equal(verifyEdxmlSignature(noCertificate, new Date()).verdict, 'INVALID');
});

test('one signature only, and in edXMLHeader', () => {
  const twice = signEdxml(signEdxml(UNSIGNED, nghean), other);
  assert.deepEqual(verifyEdxmlSignature(twice, new Date()).problem, 'a message may carry one signature only');
  // Moved into the body, the signature still matches the message (the enveloped transform drops it
  // wherever it is): only the placement rule refuses it.
  const signed = signEdxml(UNSIGNED, nghean);
  const signature = /<Signature xmlns=[\s\S]*<\/Signature>/.exec(signed)![0];
  const moved = signed.replace(signature, '').replace('</edXML:edXMLManifest>', `</edXML:edXMLManifest>${signature}`);
  assert.deepEqual(verifyEdxmlSignature(moved, new Date()).problem, 'the signature must sit in edXMLHeader');
});

test('a signature over part of the message is INVALID: the rest could be anything', () => {
  const signer = new SignedXml({
    privateKey: nghean.privateKey,
    publicCert: nghean.certificate,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  signer.addReference({
    xpath: "//*[local-name(.)='MessageHeader']",
    transforms: ['http://www.w3.org/2001/10/xml-exc-c14n#'],
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
  });
  signer.computeSignature(UNSIGNED, { location: { reference: "//*[local-name(.)='edXMLHeader']", action: 'append' } });
  assert.deepEqual(verifyEdxmlSignature(signer.getSignedXml(), new Date()).problem,
    'the signature must cover the whole message (Reference URI="" with the enveloped-signature transform)');
});
