/**
 * For test/integration/promise-hooks.test.ts, which runs it with `node -e` in a plain Node process (the
 * test runner turns promise hooks on in its own, and treats every .js file under test/ as a test, so this
 * module only defines it): starts the whole hub in this one process, as `npm start` does (start-up writes
 * the directory seed and the population and land data), then through the gateway a send, a status move, a
 * recall and its answer, and an operator's create, update and merge of a unit, and prints whether promise
 * hooks are on after start-up, after the writes, and after one em.flush (which must turn them on, or the
 * check proves nothing). The edXML receipts are not made here: they are em.insert calls like the status
 * move's event, checked for what they store by the edXML tests.
 */
import { executionAsyncId } from 'node:async_hooks';
import type { DocumentsServer } from '../../src/subgraphs/documents/server';
import { tokenFor } from './env';
import { RECIPIENTS, SENDER, send, sendInput } from './fault-sends';
import { gql } from './graphql';
import { startHub } from './hub';

/** While no promise hook is on, a promise's continuation runs with no async id (0) of its own. */
async function promiseHooksOn(): Promise<boolean> {
  await null;
  return executionAsyncId() !== 0;
}

export async function reportPromiseHooks(): Promise<void> {
  const hub = await startHub();
  try {
    const afterStart = await promiseHooksOn();
    const call = async (token: string, query: string, variables: Record<string, unknown>) => {
      const res = await gql(hub.url, query, variables, token);
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return res.data!;
    };
    const [sender, recipient, operator] = await Promise.all([
      tokenFor(hub.config, SENDER),
      tokenFor(hub.config, RECIPIENTS[0]),
      tokenFor(hub.config, 'operator-1', 'OPERATOR'),
    ]);
    const sent = await send(hub.url, sender, sendInput(2, 'hooks'));
    if (sent.errors) throw new Error(JSON.stringify(sent.errors));
    const { id: documentId, deliveries } = sent.data!.sendDocument as { id: string; deliveries: { id: string; recipient: { code: string } }[] };
    const mine = deliveries.find((d) => d.recipient.code === RECIPIENTS[0])!.id;
    await call(recipient, 'mutation($id: ID!) { updateDeliveryStatus(deliveryId: $id, status: ARRIVED) { id } }', { id: mine });
    await call(sender, 'mutation($id: ID!) { recallDocument(documentId: $id, reason: "Sai số hiệu") { id } }', { id: documentId });
    await call(recipient, 'mutation($id: ID!) { answerRecall(deliveryId: $id, agree: true) { id } }', { id: mine });
    const unit = '000.00.95.G22';
    await call(operator, `mutation { createAgency(input: { code: "${unit}", name: "Vụ Thử nghiệm", parentCode: "${SENDER}" }) { code } }`, {});
    await call(operator, `mutation { updateAgency(code: "${unit}", input: { email: "vu@example.gov.vn" }) { code } }`, {});
    await call(operator, `mutation { mergeAgency(code: "${unit}", successorCode: "${SENDER}") { code } }`, {});
    const afterWrites = await promiseHooksOn();
    await (hub.subgraphs.documents as DocumentsServer).orm.em.fork().flush();
    const afterFlush = await promiseHooksOn();
    process.stdout.write(`${JSON.stringify({ afterStart, afterWrites, afterFlush })}\n`);
  } finally {
    await hub.close();
  }
}
