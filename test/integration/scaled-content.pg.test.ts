/**
 * The scaled mode needs no shared volume for attachment content: two documents instances on one
 * PostgreSQL database, each with its own data dir, read what the other stored. (While content was kept
 * as files, the second instance answered INTERNAL_SERVER_ERROR.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signIdentity } from '../../src/shared/identity';
import type { DocumentsServer } from '../../src/subgraphs/documents/server';
import { documentsInstancesOnOneDatabase } from '../helpers/documents-instances';
import type { TempEnv } from '../helpers/env';
import { scaledServicesProblem, skipLoudly } from '../helpers/scaled-store';

const SENDER = '000.00.00.G22';
const RECIPIENT = '000.00.00.H41';

const problem = scaledServicesProblem();
if (problem) skipLoudly('attachment content across documents instances', problem);
else suite();

function suite(): void {
  const { instances, envs } = documentsInstancesOnOneDatabase(2);

  async function call(instance: DocumentsServer, env: TempEnv, as: string, query: string, variables: Record<string, unknown>) {
    const res = await fetch(instance.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signIdentity(env.config.gatewaySecret, { sub: as, role: 'AGENCY' }) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: Record<string, any>; errors?: unknown };
  }

  test('an attachment sent through one instance is read through the other, each with its own data dir', async () => {
    const content = Buffer.from('%PDF-1.7 Quyết định giao đất, bản gửi qua phiên bản thứ nhất');
    const sent = await call(instances[0], envs[0], SENDER, 'mutation($input: SendDocumentInput!) { sendDocument(input: $input) { id } }', {
      input: {
        clientRequestId: 'scaled-content-1', codeNumber: '7', codeNotation: 'VPCP-NN', documentType: 'Quyết định', subject: 'Về việc giao đất',
        promulgationPlace: 'Hà Nội', promulgationDate: '2026-11-01', signerName: 'Nguyễn Văn A', signerPosition: 'Phó Thủ tướng', recipients: [RECIPIENT],
        attachments: [{ fileName: 'qd-giao-dat.pdf', contentType: 'application/pdf', contentBase64: content.toString('base64') }],
      },
    });
    assert.equal(sent.errors, undefined, JSON.stringify(sent.errors));
    for (const [i, instance] of instances.entries()) {
      const read = await call(instance, envs[i], RECIPIENT, 'query($id: ID!) { document(id: $id) { attachments { contentBase64 } } }', { id: sent.data!.sendDocument.id });
      assert.equal(read.errors, undefined, `instance ${i}: ${JSON.stringify(read.errors)}`);
      assert.ok(Buffer.from(read.data!.document.attachments[0].contentBase64, 'base64').equals(content), `instance ${i}`);
    }
  });
}
