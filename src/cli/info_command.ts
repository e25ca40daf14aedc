import { BACKEND_NAMES, selectBackend } from '../backends/select.js';

/** `permfuse info`: which backends start here, and why the others do not. */
export async function infoCommand(): Promise<void> {
  for (const name of BACKEND_NAMES.filter((b) => b !== 'auto')) {
    try {
      const { backend } = await selectBackend(name);
      const workers = `${backend.workers} worker${backend.workers === 1 ? '' : 's'}`;
      process.stdout.write(`${name.padEnd(7)} available (${workers})${backend.note ? `: ${backend.note}` : ''}\n`);
      await backend.close();
    } catch (e) {
      process.stdout.write(`${name.padEnd(7)} unavailable: ${(e as Error).message.replace(/^--backend \w+: not available here: /, '')}\n`);
    }
  }
  const { backend, skipped } = await selectBackend('auto');
  process.stdout.write(`auto -> ${backend.name}${skipped.map((s) => `\n  not ${s.backend}: ${s.reason}`).join('')}\n`);
  await backend.close();
}
