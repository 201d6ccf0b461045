/**
 * What an operation will cost before it runs, and whether its page sizes are allowed — with the variables'
 * values, which a validation rule never sees. graphql-armor's cost limit reads `first` only when written
 * inline (`first: $n` counts as 1, an argument's default as nothing) and the Hive runtime's demand control
 * weighs each subgraph fetch only as it is made, after earlier fetches ran (a mutation could already have
 * happened); so this small estimate is ours.
 *
 * The model: a field returning an object (or a list of them) costs 1, a scalar 0, some fields more
 * (FIELD_COST); a field with `first` multiplies what is selected under it by `first` (its default when
 * not given); any other list by ASSUMED_LIST_SIZE — except the `edges` of a connection, already counted
 * by its `first`. Fragments count where they are spread.
 */
import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  getOperationAST,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  typeFromAST,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { MAX_PAGE_SIZE } from '../shared/page-size';

/** Fields that cost more than a read of one row. */
export const FIELD_COST: Readonly<Record<string, number>> = {
  // Reads and base64-encodes a stored file of up to 25 MiB.
  'Attachment.contentBase64': 50,
  // A write transaction (documents, deliveries, audit entry) and up to 100 blobs.
  'Mutation.sendDocument': 50,
  'Mutation.recallDocument': 20,
  'Mutation.updateDeliveryStatus': 10,
  'Mutation.answerRecall': 10,
  // Each is one GROUP BY over the period.
  'DocumentStatistics.byDocumentType': 20,
  'DocumentStatistics.byUrgency': 20,
  'DocumentStatistics.byStatus': 20,
  'DocumentStatistics.bySender': 20,
  'DocumentStatistics.byRecipient': 20,
  'DocumentStatistics.byMonth': 20,
  // COUNT(*) over a filtered table.
  'DocumentStatistics.documents': 5,
  'DocumentStatistics.deliveries': 5,
  'AgencyConnection.totalCount': 5,
  'DeliveryConnection.totalCount': 5,
  'DocumentConnection.totalCount': 5,
  'CitizenConnection.totalCount': 5,
  'LandParcelConnection.totalCount': 5,
};

/** A list with no `first` — a document's deliveries or attachments, a parcel's owners — is assumed this long. */
export const ASSUMED_LIST_SIZE = 10;

export interface CostEstimate {
  cost: number;
  /** `first` arguments outside 0..MAX_PAGE_SIZE, by field path. */
  badPageSizes: { path: string; first: unknown }[];
}

function fieldsOf(type: GraphQLCompositeType) {
  return isObjectType(type) || isInterfaceType(type) ? type.getFields() : {};
}

export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  rawVariables: Record<string, unknown> | null | undefined,
): CostEstimate | null {
  const operation = getOperationAST(document, operationName);
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return null;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {});
  // Variables that do not coerce fail execution with their own error; there is nothing to estimate.
  if (coerced.errors) return null;
  const variables = coerced.coerced;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const badPageSizes: CostEstimate['badPageSizes'] = [];

  // `expanding` guards against fragment cycles (validation refuses them, but this may run on any document).
  const costOf = (set: SelectionSetNode, parent: GraphQLCompositeType, path: string, expanding: Set<string>): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? (typeFromAST(schema, selection.typeCondition) as GraphQLCompositeType | undefined) : parent;
        total += costOf(selection.selectionSet, on ?? parent, path, expanding);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || expanding.has(fragment.name.value)) continue;
        const on = typeFromAST(schema, fragment.typeCondition) as GraphQLCompositeType | undefined;
        total += costOf(fragment.selectionSet, on ?? parent, path, new Set(expanding).add(fragment.name.value));
        continue;
      }
      const name = selection.name.value;
      const field = fieldsOf(parent)[name];
      if (!field) continue; // __typename, introspection, or a field validation has already refused
      const here = `${path}${path ? '.' : ''}${selection.alias?.value ?? name}`;
      const named = getNamedType(field.type);
      let multiplier = 1;
      if (field.args.some((a) => a.name === 'first')) {
        let first: unknown;
        try {
          first = getArgumentValues(field, selection, variables).first;
        } catch {
          first = undefined; // execution reports the argument error
        }
        if (first !== undefined && first !== null && (!Number.isInteger(first) || (first as number) < 0 || (first as number) > MAX_PAGE_SIZE)) {
          badPageSizes.push({ path: here, first });
        }
        multiplier = typeof first === 'number' && first > 0 ? Math.min(first, MAX_PAGE_SIZE) : 1;
      } else if (isListType(getNullableType(field.type)) && !parent.name.endsWith('Connection')) {
        multiplier = ASSUMED_LIST_SIZE;
      }
      const own = FIELD_COST[`${parent.name}.${name}`] ?? (isCompositeType(named) ? 1 : 0);
      const below = selection.selectionSet && isCompositeType(named) ? costOf(selection.selectionSet, named, here, expanding) : 0;
      total += own + multiplier * below;
    }
    return total;
  };
  return { cost: costOf(operation.selectionSet, root, '', new Set()), badPageSizes };
}
