/**
 * CPU time per operation of every process taking part in a load: what decides throughput when the load
 * generator, the gateway and the subgraphs share the machine's cores, and steadier from run to run than
 * requests per second on a shared machine.
 */
import type { HubProcess } from './processes';

/** The bench process itself: autocannon runs in it. */
export const LOAD_GENERATOR = 'load generator';

const ms = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

/**
 * Runs `load` and returns its result with the CPU milliseconds (user + system, every thread) each
 * process spent per completed request meanwhile, by name, the load generator included.
 */
export async function withCpuPerRequest<T extends { requests: number }>(
  processes: Record<string, HubProcess>,
  load: () => Promise<T>,
): Promise<T & { cpuMsPerRequest: Record<string, number> }> {
  const names = Object.keys(processes);
  const before = await Promise.all(names.map((name) => processes[name].cpu()));
  const ownBefore = process.cpuUsage();
  const result = await load();
  const own = process.cpuUsage(ownBefore);
  const after = await Promise.all(names.map((name) => processes[name].cpu()));
  const perRequest = (spent: number) => spent / Math.max(result.requests, 1);
  const cpuMsPerRequest: Record<string, number> = Object.fromEntries(names.map((name, i) => [name, perRequest(ms(after[i]) - ms(before[i]))]));
  cpuMsPerRequest[LOAD_GENERATOR] = perRequest(ms(own));
  return { ...result, cpuMsPerRequest };
}
